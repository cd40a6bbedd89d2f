//! Benchmarks for loading decks (filled in below).
fn main() {}
