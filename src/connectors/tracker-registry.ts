import { ApplicationFailure } from '@temporalio/common';
import type { TrackerAppConfig, TrackerSettingsOf, TrackersFile } from '../config/trackers-schema';
import { trackerBaseUrlEnvVar, type Tracker } from '../domain/trackers';
import { FAILURE_TYPES } from './failures';
import type { RequestPolicy } from './http-client';
import type { TrackerConnector, TrackerConnectorFactory, TrackerQuota } from './tracker';
import { createAdjustConnector } from '../trackers/adjust/connector/connector';
import { createAirbridgeConnector } from '../trackers/airbridge/connector/connector';
import { createAppsflyerConnector } from '../trackers/appsflyer/connector/connector';

export const TRACKER_CONNECTORS: { [T in Tracker]: TrackerConnectorFactory<TrackerSettingsOf[T]> } = {
  appsflyer: createAppsflyerConnector,
  adjust: createAdjustConnector,
  airbridge: createAirbridgeConnector,
};

export interface TrackerConnectorRequest<T extends Tracker = Tracker> {
  tracker: T;
  config: TrackersFile;
  policy: Omit<RequestPolicy, 'classify'>;
  quota: TrackerQuota;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

/** Reads an app's secret from the environment variable its config names; only ever called inside activities. */
export function readTrackerCredential(app: TrackerAppConfig, key: string, env: NodeJS.ProcessEnv): string {
  const variable = (app.credentials as Record<string, string | undefined>)[key];
  const value = variable ? env[variable] : undefined;
  if (!variable || !value) {
    throw ApplicationFailure.nonRetryable(
      variable
        ? `${app.tracker} app ${app.id}: environment variable ${variable} (credentials.${key}) is not set on the worker. Set it and retry the workflow.`
        : `${app.tracker} app ${app.id}: config/trackers.yaml has no credentials.${key}. Add the name of the environment variable that holds it.`,
      FAILURE_TYPES.missingCredential,
    );
  }
  return value;
}

/** A tracker's connector on its configured settings; the live API unless ADOPS_<TRACKER>_BASE_URL says otherwise. */
export function createTrackerConnector<T extends Tracker>(request: TrackerConnectorRequest<T>): TrackerConnector {
  const { tracker, config, env } = request;
  const settings = config.trackers[tracker] as TrackerSettingsOf[T] | undefined;
  const factory = TRACKER_CONNECTORS[tracker] as TrackerConnectorFactory<TrackerSettingsOf[T]> | undefined;
  if (!settings || !factory) {
    throw ApplicationFailure.nonRetryable(
      `${tracker}: no settings in config/trackers.yaml or no connector`,
      FAILURE_TYPES.config,
    );
  }
  const owners = new Map(config.apps.map((a) => [a.id, a.advertiser]));
  return factory({
    tracker,
    settings,
    baseUrl: env[trackerBaseUrlEnvVar(tracker)] ?? settings.baseUrl,
    credential: (app, key) => readTrackerCredential(app, key, env),
    advertiserOf: (app) => owners.get(app.id) ?? app.advertiser,
    policy: request.policy,
    quota: request.quota,
    now: request.now,
  });
}
