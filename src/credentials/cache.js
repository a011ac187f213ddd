// The one credentials cache: the client puts a credentials function of its own behind it,
// and the providers (providers.js) return theirs behind it, so the rule below is the same
// wherever credentials come from.

/** The AWS SDKs refresh credentials this long before they expire. */
const REFRESH_BEFORE_EXPIRY_MS = 300_000;
/** Marks a function already behind this cache (across copies of this file). */
const CACHED = Symbol.for('cleanroomsml-wasm.cachedCredentials');

/**
 * `provider` behind a cache, called as `cached({ forceRefresh? })`:
 * - credentials are reused until five minutes before they expire; credentials that live
 *   less than ten minutes are reused for the first half of their life, so credentials that
 *   expire in under five minutes are still used, and not fetched again at every call;
 * - concurrent calls share one refresh;
 * - a refresh that fails is not kept: the next call tries again;
 * - `forceRefresh` fetches new credentials even when the cached ones are fresh.
 * A function already behind this cache is returned as it is.
 */
export function cachedCredentials(provider) {
  if (provider[CACHED]) return provider;
  let credentials;
  let refreshAt = 0;
  let pending;
  const cached = (options) => {
    if (pending) return pending;
    if (credentials && !options?.forceRefresh && Date.now() < refreshAt) return Promise.resolve(credentials);
    const asked = Date.now();
    pending = (async () => {
      try {
        const received = await provider(options);
        credentials = received;
        refreshAt = refreshTime(received, asked);
        return received;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  cached[CACHED] = true;
  return cached;
}

/** When credentials asked for at `asked` (ms) should be fetched again. */
function refreshTime(credentials, asked) {
  const expiration = credentials?.expiration;
  const expiresAt = expiration == null ? Infinity : +expiration;
  if (!Number.isFinite(expiresAt)) return Infinity;
  const lifetime = Math.max(0, expiresAt - asked);
  return expiresAt - Math.min(REFRESH_BEFORE_EXPIRY_MS, lifetime / 2);
}
