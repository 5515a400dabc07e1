#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| quotecheck_fuzz::grammar(data));
