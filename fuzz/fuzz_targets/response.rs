#![no_main]
// Response parsing: status, headers, body → output or error (see src/fuzzing.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| cleanroomsml_wasm::fuzzing::response(data));
