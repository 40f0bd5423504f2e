import type { Db } from '../db/database';
import type { EventBus } from './bus';
import type { Clock } from './clock';
import type { Config } from './config';
import type { DatabaseKind } from './database';
import type { Limits } from './limits';
import type { Logger } from './logger';

/** What services need from the platform: passed first to every service function. */
export type Ctx = {
  db: Db;
  dbKind: DatabaseKind;
  bus: EventBus;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Rate limits shared by every server process. */
  limits: Limits;
};
