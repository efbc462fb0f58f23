import { currencyDecimals, MICROS_PER_UNIT } from '../../../domain/money';
import { isRecord } from '../../../sandbox/http-util';
import { googleAdsFailure, newRequestId, sendAdsError, sendPlainError, type AdsError } from './errors';
import type { RequestScope } from './scope';

/**
 * POST .../campaignBudgets:mutate (docs reference/rpc/v26/MutateCampaignBudgetsRequest; reference §2.6): update
 * operations with updateMask "amountMicros" set the average daily budget, absolute, in micros. All-or-nothing
 * unless partialFailure; validateOnly checks without applying. create/remove are not implemented by the sandbox.
 */

const BODY_FIELDS = new Set(['operations', 'partialFailure', 'validateOnly', 'responseContentType']);

/**
 * Amounts must be multiples of currency_constant.billable_unit_micros (docs fields/v26/currency_constant). The
 * sandbox uses one minor unit of the currency (USD 10,000 micros = 1 cent, as community code reports; KRW one won
 * is unverified).
 */
export function billableUnitMicros(currency: string): bigint {
  return MICROS_PER_UNIT / 10n ** BigInt(currencyDecimals(currency));
}

interface Change {
  index: number;
  resourceName: string;
  micros: bigint;
}

const at = (index: number, ...names: string[]) => ({
  fieldPathElements: [{ fieldName: 'operations', index }, ...names.map((fieldName) => ({ fieldName }))],
});

/** Google's JSON front end refuses a value of the wrong type before the Ads API sees it (no GoogleAdsFailure). */
interface FrontEndError {
  plain: string;
}

function checkOperation(scope: RequestScope, op: unknown, index: number): Change | AdsError | FrontEndError {
  if (!isRecord(op) || !isRecord(op.update)) {
    return {
      family: 'requestError',
      code: 'OPERATION_REQUIRED',
      message: 'Mutate operation should have either create, update, or remove specified.',
      location: at(index),
    };
  }
  const mask = typeof op.updateMask === 'string' ? op.updateMask.split(',').map((p) => p.trim()) : [];
  if (mask.length === 0) {
    return {
      family: 'fieldMaskError',
      code: 'FIELD_MASK_MISSING',
      message: 'The field mask is missing.',
      location: at(index, 'update_mask'),
    };
  }
  const other = mask.find((p) => p !== 'amountMicros' && p !== 'amount_micros');
  if (other !== undefined) {
    return {
      family: 'fieldMaskError',
      code: 'FIELD_NOT_FOUND',
      message: `The sandbox updates amount_micros only, not '${other}'.`,
      location: at(index, 'update_mask'),
    };
  }
  const { resourceName, amountMicros } = op.update;
  const match =
    typeof resourceName === 'string' ? /^customers\/(\d+)\/campaignBudgets\/(\d+)$/.exec(resourceName) : null;
  if (!match) {
    return {
      family: 'requestError',
      code: 'RESOURCE_NAME_MALFORMED',
      message: 'Resource name provided is malformed.',
      location: at(index, 'update', 'resource_name'),
    };
  }
  const budget = scope.index.budgets.get(resourceName as string);
  if (match[1] !== scope.account.id || !budget) {
    return {
      family: 'mutateError',
      code: 'RESOURCE_NOT_FOUND',
      message: 'The requested resource was not found.',
      location: at(index, 'update', 'resource_name'),
    };
  }
  // int64 in proto3 JSON: a decimal string (a JSON integer is also accepted by Google's parser).
  const text =
    typeof amountMicros === 'number' && Number.isSafeInteger(amountMicros) ? String(amountMicros) : amountMicros;
  if (typeof text !== 'string' || !/^-?\d+$/.test(text)) {
    return {
      plain: `Invalid value at 'operations[${index}].update.amount_micros' (TYPE_INT64), ${JSON.stringify(amountMicros)}`,
    };
  }
  const micros = BigInt(text);
  const unit = billableUnitMicros(scope.account.currency);
  const problem: [string, string] | null =
    micros < 0n
      ? ['NEGATIVE_MONEY_AMOUNT', 'A money amount was negative.']
      : micros < unit
        ? ['MONEY_AMOUNT_LESS_THAN_CURRENCY_MINIMUM_CPC', 'A money amount was less than the minimum CPC for currency.']
        : micros % unit !== 0n
          ? ['NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT', 'A money amount was not a multiple of a minimum unit.']
          : null;
  if (problem) {
    return {
      family: 'campaignBudgetError',
      code: problem[0],
      message: problem[1],
      location: at(index, 'update', 'amount_micros'),
    };
  }
  return { index, resourceName: resourceName as string, micros };
}

export function mutateBudgets(scope: RequestScope, body: Record<string, unknown>): void {
  const unknown = Object.keys(body).find((k) => !BODY_FIELDS.has(k));
  if (unknown !== undefined) {
    return sendPlainError(
      scope.res,
      'INVALID_ARGUMENT',
      `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`,
    );
  }
  const operations = Array.isArray(body.operations) ? body.operations : [];
  if (operations.length === 0) {
    return sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', [
      { family: 'requestError', code: 'REQUIRED_FIELD_MISSING', message: 'operations is required.' },
    ]);
  }
  if (operations.some((op) => isRecord(op) && (op.create !== undefined || op.remove !== undefined))) {
    return sendPlainError(scope.res, 'UNIMPLEMENTED', 'The sandbox implements campaign budget update operations only.');
  }
  const checked = operations.map((op, i) => checkOperation(scope, op, i));
  const frontEnd = checked.find((c): c is FrontEndError => 'plain' in c);
  if (frontEnd) return sendPlainError(scope.res, 'INVALID_ARGUMENT', frontEnd.plain);
  const changes = checked.filter((c): c is Change => 'micros' in c);
  const errors = checked.filter((c): c is AdsError => 'family' in c);
  const partialFailure = body.partialFailure === true;
  if (errors.length > 0 && !partialFailure) return sendAdsError(scope.res, scope.version, 'INVALID_ARGUMENT', errors);

  const validateOnly = body.validateOnly === true;
  const when = scope.state.now().toISOString();
  for (const change of changes) {
    scope.state.mutations.push({
      at: when,
      platform: 'google_ads',
      accountId: scope.account.id,
      entityId: change.resourceName,
      level: 'budget',
      field: 'amount_micros',
      oldValue: scope.index.budgetMicros(change.resourceName).toString(),
      newValue: change.micros.toString(),
      budgetMicros: change.micros.toString(),
      validateOnly,
    });
    if (!validateOnly) scope.state.budgets.set(change.resourceName, change.micros);
  }
  // validateOnly answers with an empty response when the request is valid.
  if (validateOnly) return scope.respond({});
  const full = body.responseContentType === 'MUTABLE_RESOURCE';
  const results = checked.map((c) =>
    'micros' in c
      ? {
          resourceName: c.resourceName,
          ...(full ? { campaignBudget: { resourceName: c.resourceName, amountMicros: c.micros.toString() } } : {}),
        }
      : {},
  );
  const payload: Record<string, unknown> = { results };
  if (errors.length > 0) {
    payload.partialFailureError = {
      code: 3,
      message: `Multiple errors in 'details'. First error: ${errors[0]?.message ?? ''}`,
      details: [googleAdsFailure(scope.version, errors, newRequestId())],
    };
  }
  scope.respond(payload);
}
