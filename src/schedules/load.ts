import path from 'node:path';
import { defaultConfigDir, loadYamlFile } from '../config/load';
import { schedulesFileSchema, type SchedulesFile } from './schema';

export function loadSchedules(dir = defaultConfigDir()): SchedulesFile {
  return loadYamlFile(path.join(dir, 'schedules.yaml'), schedulesFileSchema);
}
