//! Hash maps keyed by text from a file.
//!
//! They hash with foldhash, seeded at random in every process, so that a file cannot
//! choose colliding keys ahead of time (a file is untrusted input), and many times faster
//! than the standard library's SipHash on the short keys of a claims file (ids,
//! measures, subjects). Maps keyed by claim indices use `rustc_hash` instead: nothing
//! about an index is chosen by the file.

/// A hash map keyed by text from a file.
pub type TextMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// An empty [`TextMap`] with room for `capacity` entries.
pub fn text_map<K, V>(capacity: usize) -> TextMap<K, V> {
    TextMap::with_capacity_and_hasher(capacity, foldhash::fast::RandomState::default())
}
