#![no_main]
// JSON text → model → validation → serialization → signing (see src/fuzzing.rs).
libfuzzer_sys::fuzz_target!(|data: &[u8]| cleanroomsml_wasm::fuzzing::request(data));
