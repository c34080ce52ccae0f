export const processEnv = () => {
  const env = globalThis.process?.env;
  if (env === undefined)
    throw new TypeError('fromEnv: this runtime has no process.env; pass { rootUrl, credentials } to the constructor');
  return env;
};
export const nodeVersion = () => globalThis.process?.versions?.node;
