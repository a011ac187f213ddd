//! The standard retry mode's arithmetic: backoff, quota, clock-skew correction.

use cleanroomsml_wasm::protocol::response::{ErrorClass, ServiceError};
use cleanroomsml_wasm::client::retry::{
    backoff_ms, corrected_offset, is_retryable, may_echo_earlier_attempt, server_time_in_message, RetryQuota, EARLIER_ATTEMPT_NOTE,
};

fn error(name: &str, class: ErrorClass) -> ServiceError {
    ServiceError { class, ..ServiceError::without_response(name, String::new()) }
}

#[test]
fn exponential_backoff_with_full_jitter_base_100ms_cap_20s() {
    let transient = ErrorClass::Transient;
    assert_eq!(backoff_ms(1, transient, 1.0), 100.0);
    assert_eq!(backoff_ms(2, transient, 1.0), 200.0);
    assert_eq!(backoff_ms(3, transient, 0.5), 200.0);
    assert_eq!(backoff_ms(8, transient, 1.0), 12_800.0);
    assert_eq!(backoff_ms(9, transient, 1.0), 20_000.0);
    assert_eq!(backoff_ms(60, transient, 1.0), 20_000.0);
    assert_eq!(backoff_ms(5, transient, 0.0), 0.0);
    assert_eq!(backoff_ms(1, transient, 7.0), 100.0, "jitter is clamped to [0, 1]");
    // A corrected clock skew backs off as a transient error (the SDK's TRANSIENT type).
    assert_eq!(backoff_ms(2, ErrorClass::ClockSkew, 1.0), 200.0);
}

#[test]
fn throttling_backs_off_from_500ms_as_the_sdk() {
    let throttling = ErrorClass::Throttling;
    assert_eq!(backoff_ms(1, throttling, 1.0), 500.0);
    assert_eq!(backoff_ms(2, throttling, 1.0), 1_000.0);
    assert_eq!(backoff_ms(3, throttling, 1.0), 2_000.0);
    assert_eq!(backoff_ms(6, throttling, 1.0), 16_000.0);
    assert_eq!(backoff_ms(7, throttling, 1.0), 20_000.0, "the same 20 s cap");
    assert_eq!(backoff_ms(1, throttling, 0.0), 0.0);
}

#[test]
fn the_delay_is_whole_milliseconds_rounded_down_as_math_floor() {
    // The SDK: Math.floor(Math.random() * Math.min(base * 2 ** retryCount, 20000)).
    assert_eq!(backoff_ms(1, ErrorClass::Throttling, 0.999), 499.0);
    assert_eq!(backoff_ms(2, ErrorClass::Throttling, 0.999), 999.0);
    assert_eq!(backoff_ms(1, ErrorClass::Transient, 0.999), 99.0);
    assert_eq!(backoff_ms(2, ErrorClass::Transient, 0.12345), 24.0);
}

#[test]
fn a_conflict_after_an_attempt_without_answer_may_be_the_calls_own() {
    let conflict = error("ConflictException", ErrorClass::Other);
    assert!(may_echo_earlier_attempt(&conflict, true));
    assert!(!may_echo_earlier_attempt(&conflict, false), "every earlier attempt was answered");
    assert!(!may_echo_earlier_attempt(&error("ValidationException", ErrorClass::Other), true));
    assert!(!may_echo_earlier_attempt(&error("ThrottlingException", ErrorClass::Throttling), true));
    assert!(EARLIER_ATTEMPT_NOTE.starts_with(' ') && EARLIER_ATTEMPT_NOTE.contains("may have succeeded"));
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
    let server = error("InternalServerException", ErrorClass::Transient);
    // As the SDK: throttling costs 5, any other retryable error (its TRANSIENT) 10.
    assert_eq!(quota.acquire(&throttle), Some(5));
    assert_eq!(quota.acquire(&timeout), Some(10));
    assert_eq!(quota.acquire(&server), Some(10));
    assert_eq!(quota.tokens(), 475);
    // A success gives back what the call's last retry cost, not the sum.
    quota.release(10);
    assert_eq!(quota.tokens(), 485);
    quota.release(0);
    assert_eq!(quota.tokens(), 486, "a success without retry earns one token");
    for _ in 0..20 {
        quota.release(5);
    }
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
