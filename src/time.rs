//! Times, in one place: a claim's `as_of` and a document's `date` read into the
//! interval of days they cover, compared, and written back in the form they were read
//! in. New forms of time (half-years, fiscal years, periods, relative times) go here:
//! a parse arm, the days it covers, and its form in [`fmt::Display`].

use std::fmt;

/// A time: the interval of days it covers, as day numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Time {
    /// First day.
    pub first: i64,
    /// Last day.
    pub last: i64,
}

impl Time {
    /// Reads `2024`, `2024-Q3`, `2024-10` or `2024-10-14`.
    pub fn parse(s: &str) -> Option<Time> {
        let s = s.trim();
        // At most three parts; a fourth makes it no time.
        let mut it = s.split('-');
        let mut held: [&str; 3] = [""; 3];
        let mut n = 0;
        for p in it.by_ref().take(3) {
            held[n] = p;
            n += 1;
        }
        if it.next().is_some() {
            return None;
        }
        let parts = &held[..n];
        let num = |p: &str, len: usize| -> Option<i64> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let year = num(parts.first()?, 4)?;
        match parts {
            [_] => Some(Time {
                first: day(year, 1, 1),
                last: day(year, 12, 31),
            }),
            [_, q] if q.len() == 2 && (q.starts_with('Q') || q.starts_with('q')) => {
                let q = num(&q[1..], 1).filter(|q| (1..=4).contains(q))?;
                let m = (q - 1) * 3 + 1;
                Some(Time {
                    first: day(year, m, 1),
                    last: day(year, m + 2, days_in_month(year, m + 2)),
                })
            }
            [_, m] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
                Some(Time {
                    first: day(year, m, 1),
                    last: day(year, m, days_in_month(year, m)),
                })
            }
            [_, m, d] => {
                let m = num(m, 2).filter(|m| (1..=12).contains(m))?;
                let d = num(d, 2).filter(|d| (1..=days_in_month(year, m)).contains(d))?;
                let x = day(year, m, d);
                Some(Time { first: x, last: x })
            }
            _ => None,
        }
    }

    /// Whether the two share a day.
    pub fn overlaps(&self, o: &Time) -> bool {
        self.first <= o.last && o.first <= self.last
    }
}

/// The four forms a time may take, for messages.
pub const TIME_FORMS: &str = "`2024`, `2024-Q3`, `2024-10` or `2024-10-14`";

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn day(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A time in the shortest form that names it: the form it was written in.
impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y1, m1, d1) = civil(self.first);
        let (y2, m2, d2) = civil(self.last);
        if self.first == self.last {
            return write!(f, "{y1:04}-{m1:02}-{d1:02}");
        }
        if y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31 {
            return write!(f, "{y1:04}");
        }
        if y1 == y2 && m1 == m2 && d1 == 1 {
            return write!(f, "{y1:04}-{m1:02}");
        }
        if y1 == y2 && d1 == 1 && (m1 - 1) % 3 == 0 && m2 == m1 + 2 {
            return write!(f, "{y1:04}-Q{}", (m1 - 1) / 3 + 1);
        }
        write!(f, "{y1:04}-{m1:02}-{d1:02} to {y2:04}-{m2:02}-{d2:02}")
    }
}

/// The civil date of a day number (Howard Hinnant's algorithm).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_intervals_of_days() {
        let y = Time::parse("2024");
        let q = Time::parse("2024-Q4");
        let m = Time::parse("2024-10");
        let d = Time::parse("2024-10-14");
        let (Some(y), Some(q), Some(m), Some(d)) = (y, q, m, d) else {
            panic!("every form reads");
        };
        assert_eq!(
            Time::parse("2024-Q1").map(|t| t.last - t.first + 1),
            Some(91)
        );
        assert_eq!(y.last - y.first + 1, 366);
        assert!(y.overlaps(&q) && q.overlaps(&m) && m.overlaps(&d));
        assert!(!Time::parse("2023").is_some_and(|t| t.overlaps(&d)));
        assert!(q.first < d.first && d.last < q.last);
        assert_eq!(day(1970, 1, 1), 0);
        assert_eq!(civil(0), (1970, 1, 1));
    }

    #[test]
    fn invalid_times() {
        for s in [
            "2024-13",
            "Q3 2024",
            "2024-02-30",
            "24",
            "2024-Q5",
            "2024-1-1",
            "",
        ] {
            assert_eq!(Time::parse(s), None, "{s}");
        }
        assert!(Time::parse("2024-02-29").is_some());
    }

    #[test]
    fn times_print_in_the_form_they_were_read_in() {
        for s in [
            "2024",
            "2024-Q3",
            "2024-10",
            "2024-10-14",
            "2000-02-29",
            "1900-02",
        ] {
            let t = Time::parse(s).map(|t| t.to_string());
            assert_eq!(t.as_deref(), Some(s));
        }
        // A span of days no form names is written as its two ends.
        let t = Time {
            first: day(2024, 1, 2),
            last: day(2024, 3, 4),
        };
        assert_eq!(t.to_string(), "2024-01-02 to 2024-03-04");
    }

    #[test]
    fn day_numbers_round_trip() {
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil(z);
            assert_eq!(day(y, m, d), z, "{y}-{m}-{d}");
        }
    }
}
