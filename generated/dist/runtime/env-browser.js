export const processEnv = () => {
  throw new TypeError(
    'fromEnv reads TASKCLUSTER_* environment variables, which a browser does not have: ' +
      'pass { rootUrl, credentials } to the constructor instead',
  );
};
/** Not Node; the User-Agent says only the package (and a browser does not send it anyway). */
export const nodeVersion = () => undefined;
