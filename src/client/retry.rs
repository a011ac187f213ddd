//! What to do after a failed attempt, as the AWS SDK for JavaScript v3's standard retry mode
//! (`StandardRetryStrategy` of `@smithy/util-retry`) does: retry throttling, transient (5xx,
//! timeout, network) and corrected clock-skew errors, with exponential backoff and full
//! jitter, within a retry quota shared by the client.

use crate::protocol::response::{ErrorClass, ServiceError};

/// Backoff bases and cap, in milliseconds: throttling errors back off from 500 ms, the
/// others from 100 ms (the SDK's `THROTTLING_RETRY_DELAY_BASE`, `DEFAULT_RETRY_DELAY_BASE`).
pub const BASE_DELAY_MS: f64 = 100.0;
pub const THROTTLING_BASE_DELAY_MS: f64 = 500.0;
pub const MAX_DELAY_MS: f64 = 20_000.0;
/// A clock further than this from the service's is corrected (the SDKs' 5 minutes).
pub const MAX_CLOCK_SKEW_MS: f64 = 300_000.0;

const INITIAL_RETRY_TOKENS: u32 = 500;
/// What a retry takes from the quota: a throttling error 5, any other 10 (the SDK charges
/// its `TRANSIENT` error type 10).
const THROTTLING_RETRY_COST: u32 = 5;
const RETRY_COST: u32 = 10;
const NO_RETRY_INCREMENT: u32 = 1;

/// The delay before retry number `retry` (1 for the first retry) after an error of class
/// `class`: ⌊`jitter` × min(cap, base × 2^(retry−1))⌋, base 500 ms for throttling and 100 ms
/// otherwise, `jitter` uniform in [0, 1) (`Math.random`), as the SDK's
/// `computeNextBackoffDelay`.
pub fn backoff_ms(retry: u32, class: ErrorClass, jitter: f64) -> f64 {
    let base = if class == ErrorClass::Throttling { THROTTLING_BASE_DELAY_MS } else { BASE_DELAY_MS };
    let exponential = base * 2f64.powi(retry.saturating_sub(1).min(30) as i32);
    (jitter.clamp(0.0, 1.0) * exponential.min(MAX_DELAY_MS)).floor()
}

/// The client's retry quota: retries spend tokens, successes earn some back, so a failing
/// service is not hammered by every caller at once.
#[derive(Debug, Clone)]
pub struct RetryQuota {
    tokens: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota { tokens: INITIAL_RETRY_TOKENS }
    }
}

impl RetryQuota {
    /// Takes the cost of one retry of `error`; `None` when the quota is spent.
    pub fn acquire(&mut self, error: &ServiceError) -> Option<u32> {
        let cost = if error.class == ErrorClass::Throttling { THROTTLING_RETRY_COST } else { RETRY_COST };
        (self.tokens >= cost).then(|| {
            self.tokens -= cost;
            cost
        })
    }

    /// After a success: refunds what the call's last retry took (`last_cost`, 0 for none), or
    /// one token when it needed no retry, as the SDK's `recordSuccess`.
    pub fn release(&mut self, last_cost: u32) {
        let earned = if last_cost > 0 { last_cost } else { NO_RETRY_INCREMENT };
        self.tokens = (self.tokens + earned).min(INITIAL_RETRY_TOKENS);
    }

    pub fn tokens(&self) -> u32 {
        self.tokens
    }
}

/// The clock offset (service time − local time) to use from now on, given a response's
/// `Date`: corrected only when the local clock, with the current offset, is more than
/// five minutes off.
pub fn corrected_offset(server_time_ms: f64, local_now_ms: f64, current_offset_ms: f64) -> Option<f64> {
    let skew = server_time_ms - (local_now_ms + current_offset_ms);
    (server_time_ms.is_finite() && skew.abs() > MAX_CLOCK_SKEW_MS).then_some(server_time_ms - local_now_ms)
}

/// The service's time in a clock-skew error's message, as the SigV4 services write it:
/// `Signature expired: 20260102T030000Z is now earlier than 20260102T030500Z
/// (20260102T031000Z - 5 min.)`, or `Signature not yet current: … is still later than …
/// (20260102T031000Z + 5 min.)`: the time in parentheses, given back in ISO 8601
/// (`2026-01-02T03:10:00Z`) for `Date.parse`.
pub fn server_time_in_message(message: &str) -> Option<String> {
    let b = message.as_bytes();
    let at = b.iter().rposition(|&c| c == b'(')? + 1;
    let stamp = b.get(at..at + 17)?;
    let digit_at = |i: usize| stamp[i].is_ascii_digit();
    if !(0..8).chain(9..15).all(digit_at) || &stamp[8..9] != b"T" || &stamp[15..] != b"Z " {
        return None;
    }
    let mut iso = String::with_capacity(20);
    for (i, &c) in stamp[..16].iter().enumerate() {
        if matches!(i, 4 | 6) {
            iso.push('-');
        } else if matches!(i, 11 | 13) {
            iso.push(':');
        }
        iso.push(c as char);
    }
    Some(iso)
}

/// Appended to the message of an error that `may_echo_earlier_attempt`.
pub const EARLIER_ATTEMPT_NOTE: &str = " (An earlier attempt of this call got no answer, a timeout or a lost connection, and may have succeeded: this conflict may be with what it did. Check the resource before sending again.)";

/// Whether the error a call ends with may be caused by the call itself: a `ConflictException`
/// ("already exists") after an earlier attempt whose outcome is unknown (it got no answer: it
/// may have been applied). An attempt answered with an error (a 500, a 429) is known to have
/// failed and does not count.
pub fn may_echo_earlier_attempt(error: &ServiceError, earlier_outcome_unknown: bool) -> bool {
    earlier_outcome_unknown && error.name == "ConflictException"
}

/// Whether an error may be retried at all: throttling and transient errors, and a clock
/// skew error once the offset has been corrected.
pub fn is_retryable(error: &ServiceError, clock_corrected: bool) -> bool {
    match error.class {
        ErrorClass::Throttling | ErrorClass::Transient => true,
        ErrorClass::ClockSkew => clock_corrected,
        ErrorClass::ExpiredCredentials | ErrorClass::Other => false,
    }
}
