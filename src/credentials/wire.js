// What the credential providers share: the errors they throw (shaped as the module's own,
// and as the AWS SDK's service errors), their inputs' checks, the services' endpoints, and
// one unsigned exchange with a service over `fetch`.

/**
 * The module's structured error: `name` (`ValidationError`, `ConfigurationError`), `code`,
 * `path` and `message`, and with a `ValidationError` the `report` of every issue.
 */
export function moduleError(name, code, path, message, issues) {
  const error = new Error(message);
  error.name = name;
  error.code = code;
  error.path = path;
  if (issues) error.report = { ok: false, issues };
  return error;
}

/**
 * Checks `value` (at `path`) against `rule`: `{ type: 'string' | 'number', min?, max?,
 * pattern? (whole-string), integer? }` where `min`/`max` bound a string's length or a
 * number's value. Returns the issues found (`[]` when none). A token's value never appears
 * in a message, only its length.
 */
export function check(value, path, rule) {
  const issue = (code, message) => [{ path, code, message, severity: 'error' }];
  if (typeof value !== rule.type) return issue('type', `${path} must be a ${rule.type}, not ${describe(value)}`);
  if (rule.type === 'number') {
    if (!Number.isFinite(value) || (rule.integer && !Number.isInteger(value))) return issue('type', `${path} must be a whole number`);
    if (value < rule.min || value > rule.max) return issue('range', `${path} must be from ${rule.min} to ${rule.max}, not ${value}`);
    return [];
  }
  if (!value.isWellFormed()) return issue('encoding', `${path} holds a lone surrogate, which cannot be sent as UTF-8`);
  const length = [...value].length;
  if (length < (rule.min ?? 0) || length > (rule.max ?? Infinity)) {
    return issue('length', `${path} must have ${rule.min ?? 0} to ${rule.max} characters, not ${length}`);
  }
  if (rule.pattern && !patternOf(rule.pattern).test(value)) {
    return issue('pattern', `${path} must match ${rule.pattern}${rule.secret ? '' : `: ${JSON.stringify(value.slice(0, 64))}`}`);
  }
  return [];
}

/** A model's pattern as a whole-string RegExp (`\u10000`, five or six digits, is the code point `\u{10000}`). */
function patternOf(pattern) {
  return new RegExp(`^(?:${pattern.replace(/\\u([0-9A-Fa-f]{5,6})/g, '\\u{$1}')})$`, 'u');
}

/** Throws a `ValidationError` with every issue, if there are any. */
export function reject(issues, what) {
  if (!issues.length) return;
  const list = issues.map((i) => i.message).join('; ');
  throw moduleError('ValidationError', 'invalidInput', issues[0].path, `${what} is invalid: ${list}`, issues);
}

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The partitions' regions and DNS suffixes (botocore's `partitions.json`). */
const PARTITIONS = [
  [/^cn-\w+-\d+$/, 'amazonaws.com.cn'],
  [/^us-gov-\w+-\d+$/, 'amazonaws.com'],
  [/^us-iso-\w+-\d+$/, 'c2s.ic.gov'],
  [/^us-isob-\w+-\d+$/, 'sc2s.sgov.gov'],
  [/^eu-isoe-\w+-\d+$/, 'cloud.adc-e.uk'],
  [/^us-isof-\w+-\d+$/, 'csp.hci.ic.gov'],
  [/^eusc-de-\w+-\d+$/, 'amazonaws.eu'],
];

/**
 * `clientConfig` read and checked: `{ region, endpoint?, fetch? }`. The endpoint is
 * `https://{service}.{region}.{the partition's DNS suffix}` (regions outside every known
 * partition are in `aws`'s, as in the endpoint rules), or `endpoint` as given.
 */
export function clientConfig(config, service) {
  const path = 'clientConfig';
  if (config === null || typeof config !== 'object') {
    throw moduleError('ConfigurationError', 'required', path, `${path} must be an object with a region, not ${describe(config)}`);
  }
  const { region, endpoint, fetch: fetchFn = globalThis.fetch } = config;
  if (typeof region !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(region)) {
    throw moduleError('ConfigurationError', region === undefined ? 'required' : 'invalid', `${path}.region`,
      `${path}.region must be an AWS region such as us-east-1, not ${region === undefined ? 'missing' : JSON.stringify(region)}`);
  }
  let url;
  if (endpoint !== undefined) {
    try {
      url = new URL(endpoint);
    } catch {
      url = undefined;
    }
    if (typeof endpoint !== 'string' || !url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
      throw moduleError('ConfigurationError', 'invalid', `${path}.endpoint`, `${path}.endpoint must be an http(s) URL without a query, such as http://127.0.0.1:8081`);
    }
  }
  if (typeof fetchFn !== 'function') {
    throw moduleError('ConfigurationError', 'required', `${path}.fetch`, `no fetch: this platform has no globalThis.fetch; pass ${path}.fetch`);
  }
  const suffix = PARTITIONS.find(([regions]) => regions.test(region))?.[1] ?? 'amazonaws.com';
  return {
    region,
    url: url ? url.href.replace(/\/?$/, '/') : `https://${service}.${region}.${suffix}/`,
    fetch: fetchFn,
  };
}

/**
 * One unsigned POST to `client.url`; resolves with the answer's status, headers and body
 * text, whatever its content type (moto answers JSON as `text/html`). A failure to get an
 * answer rejects with a `NetworkError` shaped as the SDK's errors.
 */
export async function post(client, headers, body) {
  let response;
  try {
    // Called unbound: a page's `fetch` refuses any `this` but the window.
    const fetchFn = client.fetch;
    response = await fetchFn(client.url, { method: 'POST', headers, body });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (err) {
    throw serviceError('NetworkError', `the request failed: ${err?.message ?? err}`, response, 'client');
  }
}

/**
 * A service's error as the AWS SDK shapes it: `name`, `message`, `$fault`, `$metadata`
 * (`httpStatusCode`, `requestId`, `attempts`, `totalRetryDelay`).
 */
export function serviceError(name, message, response, fault, requestId) {
  const error = new Error(message);
  error.name = name;
  error.$fault = fault ?? (response?.status >= 500 ? 'server' : 'client');
  error.$metadata = {
    httpStatusCode: response?.status,
    requestId: requestId ?? response?.headers?.get('x-amzn-requestid') ?? undefined,
    attempts: 1,
    totalRetryDelay: 0,
  };
  return error;
}
