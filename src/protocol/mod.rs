//! restJson1 as the model's operations describe it: where requests go (`endpoint`), what
//! they carry (`request`, `headers`), and what the answers mean (`response`).

pub mod endpoint;
pub mod headers;
pub mod request;
pub mod response;
