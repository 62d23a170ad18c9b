import type { Attempt, CallbackReport, CallbackType, CaseField, Channel, DialResult, Interaction } from '../../model/interaction.js';
import { fromWireTime } from './records.js';

/**
 * Where each part of an interaction comes from in the data attached to a GMS callback call.
 * Keys are tried in order; the first present wins.
 */
export interface CallbackDataMapping {
  id: readonly string[];
  number: readonly string[];
  desiredTime: readonly string[];
  callbackType: readonly string[];
  serviceName: readonly string[];
  /** Form keys that make up the contact's name, joined with a space. */
  name: readonly string[];
  subject: readonly string[];
  instructions: readonly string[];
  timeZone: readonly string[];
  /** Voice (the call is connected on accept) or web-callback (the agent dials after a preview). */
  channel: (data: Readonly<Record<string, string>>) => Channel;
  /** Keys shown as case data; `undefined` = every key that is not a GMS or reserved key. */
  caseKeys?: readonly string[];
  /** Display labels for case keys. */
  labels: Readonly<Record<string, string>>;
  /** Reporting keys: offer and accept times (UTC), EWT (s) and position when offered. */
  offeredToCustomerAt: readonly string[];
  acceptedByCustomerAt: readonly string[];
  ewtSeconds: readonly string[];
  queuePosition: readonly string[];
}

export const DEFAULT_MAPPING: Readonly<CallbackDataMapping> = Object.freeze({
  id: ['_CB_SERVICE_ID', 'GMS_Service_ID'],
  number: ['GMS_Customer_Number', '_customer_number'],
  desiredTime: ['GMS_Cb_Desired_Time', '_desired_time'],
  callbackType: ['GMS_Cb_Type'],
  serviceName: ['GMS_ServiceName', '_service_name'],
  name: ['firstname', 'lastname'],
  subject: ['subject'],
  instructions: ['instructions'],
  timeZone: ['timezone', '_customer_timezone'],
  // A preview callback reaches the agent before anyone is called: the agent dials after accepting.
  channel: (data: Readonly<Record<string, string>>) => (data._agent_preview === 'true' ? 'web-callback' : 'voice'),
  labels: {},
  offeredToCustomerAt: ['_CB_T_CALLBACK_OFFERED'],
  acceptedByCustomerAt: ['_CB_T_CALLBACK_ACCEPTED'],
  ewtSeconds: ['_CB_EWT_WHEN_CALLBACK_WAS_OFFERED'],
  queuePosition: ['_CB_POS_WHEN_CALLBACK_WAS_OFFERED'],
});

/** The reporting keys present in the data, or undefined when there are none. */
function reportFrom(data: Readonly<Record<string, string>>, mapping: CallbackDataMapping): CallbackReport | undefined {
  const count = (keys: readonly string[]) => {
    const n = Number(first(data, keys));
    return first(data, keys) !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const report: CallbackReport = {};
  const offered = fromWireTime(first(data, mapping.offeredToCustomerAt));
  const accepted = fromWireTime(first(data, mapping.acceptedByCustomerAt));
  const ewt = count(mapping.ewtSeconds);
  const position = count(mapping.queuePosition);
  if (offered !== undefined) report.offeredToCustomerAt = offered;
  if (accepted !== undefined) report.acceptedByCustomerAt = accepted;
  if (ewt !== undefined) report.ewtSeconds = ewt;
  if (position !== undefined) report.queuePosition = position;
  return Object.keys(report).length ? report : undefined;
}

/** GMS and reporting keys: never case data. */
const RESERVED = /^(_|GMS_)/;

/**
 * The custom key a create request carries its own token in (keys starting with `_` are GMS's
 * own). It finds the callback again when the create's answer is lost; never case data.
 */
export const REQUEST_ID_KEY = 'cb_request_id';

const DIAL_RESULTS: Readonly<Record<string, DialResult>> = {
  PERSON: 'connected',
  CONNECTED: 'connected',
  ANSWER: 'connected',
  NO_ANSWER: 'no-answer',
  NOANSWER: 'no-answer',
  BUSY: 'busy',
  ANSWERING_MACHINE: 'answering-machine',
  AM: 'answering-machine',
  FAX: 'fax',
  ERROR: 'error',
  CANCEL: 'cancelled',
  CANCELLED: 'cancelled',
};

const CALLBACK_TYPES: Readonly<Record<string, CallbackType>> = {
  IMMEDIATE: 'immediate',
  DELAYED: 'delayed',
  SCHEDULED: 'scheduled',
  PREVIEW: 'preview',
};

export interface IngestContext {
  now: number;
  offerTimeoutMs: number;
  canRejectByDefault: boolean;
}

const first = (data: Readonly<Record<string, string>>, keys: readonly string[]): string | undefined =>
  keys.map((k) => data[k]).find((v) => v !== undefined && v !== '');

/** The dial attempts GMS made before this one, from `_CB_DIAL_<n>_RESULT`, in order. */
function attemptsFrom(data: Readonly<Record<string, string>>, number: string, at: number): Attempt[] {
  return Object.keys(data)
    .map((key) => /^_CB_DIAL_(\d+)_RESULT$/.exec(key))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m) => ({ at, number, result: DIAL_RESULTS[data[m[0]]!.trim().toUpperCase()] ?? 'error' }));
}

/** Turns the data attached to a callback call into an offered interaction, or explains what is missing. */
export function interactionFromData(
  data: Readonly<Record<string, string>>,
  mapping: CallbackDataMapping,
  context: IngestContext,
): Interaction | string {
  const id = first(data, mapping.id);
  if (!id) return `none of ${mapping.id.join(', ')} is set`;
  const phone = first(data, mapping.number) ?? '';
  const desiredTime = fromWireTime(first(data, mapping.desiredTime));
  const rawType = first(data, mapping.callbackType)?.toUpperCase();
  const preview = data._agent_preview === 'true';
  const callbackType: CallbackType =
    (rawType ? CALLBACK_TYPES[rawType] : undefined) ?? (preview ? 'preview' : desiredTime === undefined ? 'immediate' : 'scheduled');
  const timeoutSeconds = Number(data._agent_preview_timeout);
  const offerTimeoutMs = Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds * 1000 : context.offerTimeoutMs;
  const allowReject = data._agent_preview_allow_reject;
  const name = mapping.name.map((k) => data[k]?.trim()).filter(Boolean).join(' ');
  const used = new Set([...mapping.name, ...mapping.subject, ...mapping.instructions, ...mapping.timeZone, REQUEST_ID_KEY]);
  const caseKeys = mapping.caseKeys ?? Object.keys(data).filter((k) => !RESERVED.test(k) && !used.has(k));
  const caseData: CaseField[] = caseKeys
    .filter((key) => data[key] !== undefined)
    .map((key) => ({ key, value: data[key]!, ...(mapping.labels[key] ? { label: mapping.labels[key] } : {}) }));
  const subject = first(data, mapping.subject);
  const instructions = first(data, mapping.instructions);
  const timeZone = first(data, mapping.timeZone);
  return {
    id,
    channel: mapping.channel(data),
    callbackType,
    state: 'offered',
    contact: { name: name || phone, phone, ...(timeZone ? { timeZone } : {}) },
    ...(desiredTime === undefined ? {} : { desiredTime }),
    offer: {
      offeredAt: context.now,
      expiresAt: context.now + offerTimeoutMs,
      canReject: allowReject === undefined ? context.canRejectByDefault : allowReject === 'true',
    },
    ...(subject ? { subject } : {}),
    ...(instructions ? { instructions } : {}),
    caseData,
    attempts: attemptsFrom(data, phone, context.now),
    history: [],
    note: '',
    ...((report) => (report ? { report } : {}))(reportFrom(data, mapping)),
  };
}
