//! Where a folded status phrase lies in the compiled-in table of phrases: the build
//! script lays the table out by this hash and the index looks phrases up by it. FNV-1a
//! over the folded bytes, then linear probing; the table is fixed at build time, so the
//! longest run of probes is too, whatever text a file asks for.

/// The first slot to probe for `folded` in a table of `slots` slots (a power of two).
pub fn slot(folded: &str, slots: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in folded.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h as usize) & slots.wrapping_sub(1)
}
