// The local MongoDB used when no connection string is set: plan it, then start and stop it.
export {
  LAUNCH_TIMEOUT_MS,
  LOCAL_MONGODB_VERSION,
  MONGOD_ENV_VAR,
  MONGOD_EXTRA_ARGS,
  binaryOptions,
  mongoMemoryServerOptions,
  planLocalDatabase,
  type BinarySource,
  type LocalDbPlan,
  type PlanInput,
} from './plan';
export { findExecutableOnPath } from './findOnPath';
export { findFreeLoopbackPort } from './port';
export { obtainMongodBinary, type DownloadTarget, type ObtainedBinary } from './binary';
export {
  LocalDbError,
  errorDetail,
  isPortInUse,
  localDbError,
  type LocalDbErrorKind,
  type LocalDbStage,
} from './errors';
export {
  LocalDatabase,
  createMongoMemoryServer,
  type LocalDatabaseOptions,
  type LocalDbPhase,
  type LocalDbProgress,
  type LocalServer,
} from './localDatabase';
export { localDatabaseProvider } from './provider';
