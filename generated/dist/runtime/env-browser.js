export const processEnv = () => {
  throw new TypeError(
    'fromEnv reads TASKCLUSTER_* environment variables, which a browser does not have: ' +
      'pass { rootUrl, credentials } to the constructor instead',
  );
};
