//! The standard retry mode's arithmetic: backoff, quota, clock-skew correction.

use cleanroomsml_wasm::protocol::response::{ErrorClass, ServiceError};
use cleanroomsml_wasm::client::retry::{backoff_ms, corrected_offset, is_retryable, server_time_in_message, RetryQuota};

fn error(name: &str, class: ErrorClass) -> ServiceError {
    ServiceError { class, ..ServiceError::without_response(name, String::new()) }
}

#[test]
fn exponential_backoff_with_full_jitter_base_100ms_cap_20s() {
    assert_eq!(backoff_ms(1, 1.0), 100.0);
    assert_eq!(backoff_ms(2, 1.0), 200.0);
    assert_eq!(backoff_ms(3, 0.5), 200.0);
    assert_eq!(backoff_ms(8, 1.0), 12_800.0);
    assert_eq!(backoff_ms(9, 1.0), 20_000.0);
    assert_eq!(backoff_ms(60, 1.0), 20_000.0);
    assert_eq!(backoff_ms(5, 0.0), 0.0);
    assert_eq!(backoff_ms(1, 7.0), 100.0, "jitter is clamped to [0, 1]");
}

#[test]
fn which_errors_are_retried() {
    assert!(is_retryable(&error("ThrottlingException", ErrorClass::Throttling), false));
    assert!(is_retryable(&error("TimeoutError", ErrorClass::Transient), false));
    assert!(!is_retryable(&error("InvalidSignatureException", ErrorClass::ClockSkew), false));
    assert!(is_retryable(&error("InvalidSignatureException", ErrorClass::ClockSkew), true));
    assert!(!is_retryable(&error("ConflictException", ErrorClass::Other), true));
}

#[test]
fn retry_quota_is_spent_by_retries_and_earned_back_by_successes() {
    let mut quota = RetryQuota::default();
    assert_eq!(quota.tokens(), 500);
    let throttle = error("ThrottlingException", ErrorClass::Throttling);
    let timeout = error("TimeoutError", ErrorClass::Transient);
    assert_eq!(quota.acquire(&throttle), Some(5));
    assert_eq!(quota.acquire(&timeout), Some(10));
    assert_eq!(quota.tokens(), 485);
    quota.release(15);
    assert_eq!(quota.tokens(), 500);
    quota.release(0);
    assert_eq!(quota.tokens(), 500, "never above the initial quota");
    let mut granted = 0;
    while quota.acquire(&throttle).is_some() {
        granted += 1;
    }
    assert_eq!(granted, 100);
    assert_eq!(quota.acquire(&throttle), None);
}

#[test]
fn clock_skew_is_corrected_only_beyond_five_minutes() {
    let now = 1_800_000_000_000.0;
    assert_eq!(corrected_offset(now + 299_000.0, now, 0.0), None);
    assert_eq!(corrected_offset(now + 301_000.0, now, 0.0), Some(301_000.0));
    assert_eq!(corrected_offset(now - 3_600_000.0, now, 0.0), Some(-3_600_000.0));
    // Already corrected: the same server time is no longer a skew.
    assert_eq!(corrected_offset(now + 3_600_000.0, now, 3_600_000.0), None);
    assert_eq!(corrected_offset(f64::NAN, now, 0.0), None, "an unparseable Date changes nothing");
}

#[test]
fn the_service_time_is_read_from_both_skew_messages_and_nothing_else() {
    let expired = "Signature expired: 20150806T131223Z is now earlier than 20150806T131534Z (20150806T132034Z - 5 min.)";
    assert_eq!(server_time_in_message(expired).as_deref(), Some("2015-08-06T13:20:34Z"));
    let early = "Signature not yet current: 20260102T031500Z is still later than 20260102T030500Z (20260102T030000Z + 5 min.)";
    assert_eq!(server_time_in_message(early).as_deref(), Some("2026-01-02T03:00:00Z"));
    for other in [
        "The request signature we calculated does not match the signature you provided.",
        "Signature expired (soon)",
        "(20150806T132034 - 5 min.)",
        "(2015080XT132034Z - 5 min.)",
        "(20150806T132034Z)",
        "(",
        "(20150806T13203\u{e9}Z - 5 min.)",
    ] {
        assert_eq!(server_time_in_message(other), None, "{other}");
    }
}
