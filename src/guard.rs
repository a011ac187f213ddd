//! A panic must never reach JavaScript as an opaque `unreachable` trap. The panic hook
//! throws a plain JavaScript `Error` naming the module instead, and marks the module as
//! unusable: after a panic its state may be inconsistent, so every later call says so
//! (reload the page or re-import the module) rather than risk a wrong signature.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{ApiError, ErrorKind};

static POISONED: AtomicBool = AtomicBool::new(false);

/// Installed when the module is initialised (wasm only).
#[cfg(target_arch = "wasm32")]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        POISONED.store(true, Ordering::SeqCst);
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".into());
        let at = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        wasm_bindgen::throw_str(&format!(
            "cleanroomsml-wasm: internal error ({what}{at}). The module is unusable now: reload it. Please report this."
        ));
    }));
}

/// Every export starts here: after a panic, nothing more is done.
pub fn check() -> Result<(), ApiError> {
    if POISONED.load(Ordering::SeqCst) {
        return Err(ApiError::new(
            ErrorKind::Internal,
            "unusable",
            "",
            "cleanroomsml-wasm: an earlier internal error left the module unusable: reload it (the page, or the module) before calling it again",
        ));
    }
    Ok(())
}
