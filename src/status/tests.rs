use super::*;

#[test]
fn times_print_in_their_own_form() {
    for s in ["2024", "2024-Q3", "2024-10", "2024-10-14", "2000-02-29"] {
        let t = Time::parse(s).map(format_time);
        assert_eq!(t.as_deref(), Some(s));
    }
}
