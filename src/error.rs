//! The errors the JavaScript API throws: each names what is wrong (`path`), how (`code`)
//! and what to do (`message`), and never contains a secret.

use wasm_bindgen::prelude::*;

use crate::protocol::endpoint::EndpointError;
use crate::sign::SignError;
use crate::text::{concat, decimal};
use crate::validate::ValidationReport;

#[wasm_bindgen(typescript_custom_section)]
const TS_ERROR: &str = r#"
/** What every function of this module throws: a JavaScript `Error` with these fields. */
export interface CleanRoomsMlError extends Error {
    name: "ValidationError" | "ConfigurationError" | "RequestError" | "InternalError";
    code: "invalidInput" | "required" | "type" | "invalid" | "expired" | "tooLarge" | "unusable";
    /** The argument member at fault, e.g. `config.credentials.accessKeyId`, or `input`. */
    path: string;
    /** With `ValidationError`: every issue of the input. */
    report?: ValidationReport;
}
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The operation's input failed validation; `report` holds every issue.
    Validation,
    /// A configuration or options value is missing or wrong (region, endpoint, credentials, date).
    Configuration,
    /// The request given to `signRequest` is not a usable HTTP request.
    Request,
}

impl ErrorKind {
    /// The JavaScript `Error.name`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Validation => "ValidationError",
            ErrorKind::Configuration => "ConfigurationError",
            ErrorKind::Request => "RequestError",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// `required`, `type`, `invalid`, `expired`, `tooLarge` or `invalidInput` (the glue's
    /// `InternalError` is `unusable`: src/js/guard.js).
    pub code: &'static str,
    /// The argument member at fault, e.g. `config.credentials.secretAccessKey`.
    pub path: String,
    pub message: String,
    pub report: Option<ValidationReport>,
}

impl ApiError {
    pub fn new(kind: ErrorKind, code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError { kind, code, path: path.into(), message: message.into(), report: None }
    }

    pub fn invalid_input(report: ValidationReport) -> Self {
        let errors = report.issues.iter().filter(|i| i.severity == crate::validate::Severity::Error).count();
        let first = report.issues.iter().find(|i| i.severity == crate::validate::Severity::Error);
        let message = match first {
            Some(issue) if errors == 1 => concat(&["the input is invalid: ", path_or_input(&issue.path), " ", &issue.message]),
            Some(issue) => concat(&[
                "the input is invalid (",
                &decimal(errors),
                " errors; see report): ",
                path_or_input(&issue.path),
                " ",
                &issue.message,
            ]),
            None => "the input is invalid".into(),
        };
        ApiError { kind: ErrorKind::Validation, code: "invalidInput", path: "input".into(), message, report: Some(report) }
    }

    /// An endpoint error, for the configuration object named `argument`.
    pub fn endpoint(argument: &str, err: EndpointError) -> Self {
        let code = if err.message.ends_with("Missing Region") { "required" } else { "invalid" };
        ApiError::new(ErrorKind::Configuration, code, concat(&[argument, ".", err.member]), err.message)
    }

    /// A signing error; `request` errors are the request's, the rest the options'.
    pub fn signing(argument: &str, err: SignError) -> Self {
        let kind = match err.member {
            "url" | "headers" | "method" | "body" => ErrorKind::Request,
            _ => ErrorKind::Configuration,
        };
        let path = concat(&[if kind == ErrorKind::Request { "request" } else { argument }, ".", err.member]);
        ApiError::new(kind, err.code, path, err.message)
    }
}

fn path_or_input(path: &str) -> &str {
    if path.is_empty() { "the input" } else { path }
}
