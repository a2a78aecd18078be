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
    /// Reads `2024`, `2024-H1`, `2024-Q3`, `2024-10` or `2024-10-14` (the forms that need
    /// no context; [`Time::read`] reads every form).
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
            [_, h] if h.len() == 2 && h.starts_with('H') => {
                let h = num(&h[1..], 1).filter(|h| (1..=2).contains(h))?;
                let m = (h - 1) * 6 + 1;
                Some(Time {
                    first: day(year, m, 1),
                    last: day(year, m + 5, days_in_month(year, m + 5)),
                })
            }
            [_, q] if q.len() == 2 && q.starts_with('Q') => {
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

/// The forms a time may take, for messages.
pub const TIME_FORMS: &str = "`2024`, `2024-H1`, `2024-Q3`, `2024-10`, `2024-10-14`, `FY2024`, `FY2023-24`, a period `2012..2015`, or a relative time (`yesterday`, `Thursday`, `last month`, `next year`)";

/// What a time is read against: the rules' first month of a fiscal year, and the day
/// relative times resolve against, if there is one.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// `settings.fiscal_year_start`, 1 to 12.
    pub fiscal_year_start: u32,
    /// The reference day (`published`, else `document.date`), as a day number.
    pub reference: Option<i64>,
}

/// Why a time could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Not a time in any form.
    Invalid,
    /// A relative time with no day to resolve it against.
    NoReference,
    /// A form that is a time but wrong as written: the reason.
    Wrong(String),
}

/// A time as read: its interval of days, and whether it was relative.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The days it covers.
    pub time: Time,
    /// Whether it was relative (`yesterday`): messages then give the day it resolved to.
    pub relative: bool,
}

impl Reading {
    /// How a message names the time: as the reader wrote it, and for a relative one with
    /// the day it resolved to; `None` where the interval's own form says it.
    pub fn label(&self, written: &str) -> Option<Box<str>> {
        let written = written.trim();
        if self.relative {
            return Some(format!("{written} ({})", self.time).into());
        }
        let mut buf = [0u8; 10];
        let same = match self.time.short_form(&mut buf) {
            Some(form) => form == written,
            // Written inline (a time's form is at most 24 bytes): without an allocation.
            None => compact_str::ToCompactString::to_compact_string(&self.time) == written,
        };
        (!same).then(|| written.into())
    }
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Monday 0 to Sunday 6 (1970-01-01 was a Thursday).
fn weekday(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

impl Time {
    /// Reads a time of any form of SPEC 2 against `ctx`.
    pub fn read(s: &str, ctx: &Context) -> Result<Reading, TimeError> {
        let s = s.trim();
        if let Some(t) = Time::parse(s) {
            return Ok(Reading {
                time: t,
                relative: false,
            });
        }
        if let Some(rest) = s.strip_prefix("FY") {
            return fiscal(rest, ctx.fiscal_year_start).map(|time| Reading {
                time,
                relative: false,
            });
        }
        if let Some((a, b)) = s.split_once("..") {
            let absolute = |x: &str| {
                let x = x.trim();
                Time::parse(x)
                    .ok_or(())
                    .or_else(|()| match x.strip_prefix("FY") {
                        Some(r) => fiscal(r, ctx.fiscal_year_start),
                        None => Err(TimeError::Invalid),
                    })
            };
            let (start, end) = (absolute(a)?, absolute(b)?);
            if end.first < start.first || end.last < start.last {
                return Err(TimeError::Wrong(format!(
                    "the period `{s}` ends before it starts"
                )));
            }
            return Ok(Reading {
                time: Time {
                    first: start.first,
                    last: end.last,
                },
                relative: false,
            });
        }
        let time = relative(s, ctx.reference)?;
        Ok(Reading {
            time,
            relative: true,
        })
    }

    /// Whether the time is a single day.
    pub fn is_day(&self) -> bool {
        self.first == self.last
    }
}

/// `FY2024` (the fiscal year that ends in 2024) or `FY2023-24`.
fn fiscal(rest: &str, start: u32) -> Result<Time, TimeError> {
    let digits = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    };
    let end_year = match rest.split_once('-') {
        None => digits(rest, 4).ok_or(TimeError::Invalid)?,
        Some((a, b)) => {
            let first = digits(a, 4).ok_or(TimeError::Invalid)?;
            let second = digits(b, 2)
                .map(|y| {
                    first - first.rem_euclid(100)
                        + y
                        + if y < first.rem_euclid(100) { 100 } else { 0 }
                })
                .or_else(|| digits(b, 4))
                .ok_or(TimeError::Invalid)?;
            if second != first + 1 {
                return Err(TimeError::Wrong(format!(
                    "`FY{rest}`: the second year of a fiscal year follows the first"
                )));
            }
            if start == 1 {
                return Err(TimeError::Wrong(format!(
                    "`FY{rest}` spans two years, but fiscal years here are calendar years (`settings.fiscal_year_start` is 1): write `FY{second}`, or set the first month in the rules"
                )));
            }
            second
        }
    };
    let start = i64::from(start);
    Ok(if start == 1 {
        Time {
            first: day(end_year, 1, 1),
            last: day(end_year, 12, 31),
        }
    } else {
        Time {
            first: day(end_year - 1, start, 1),
            last: day(end_year, start - 1, days_in_month(end_year, start - 1)),
        }
    })
}

/// A relative time against the reference day.
fn relative(s: &str, reference: Option<i64>) -> Result<Time, TimeError> {
    let words: Vec<String> = s.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let weekday_of = |w: &str| WEEKDAYS.iter().position(|d| *d == w).map(|i| i as i64);
    let known = match words.as_slice() {
        ["today" | "yesterday" | "tomorrow"] => true,
        [w] => weekday_of(w).is_some(),
        ["last" | "next", w] => matches!(*w, "week" | "month" | "year") || weekday_of(w).is_some(),
        ["this", "year" | "month"] => true,
        _ => false,
    };
    if !known {
        return Err(TimeError::Invalid);
    }
    let r = reference.ok_or(TimeError::NoReference)?;
    let d = |x: i64| Time { first: x, last: x };
    let (y, m, _) = civil(r);
    let month = |y: i64, m: i64| {
        let (y, m) = (y + (m - 1).div_euclid(12), (m - 1).rem_euclid(12) + 1);
        Time {
            first: day(y, m, 1),
            last: day(y, m, days_in_month(y, m)),
        }
    };
    let year = |y: i64| Time {
        first: day(y, 1, 1),
        last: day(y, 12, 31),
    };
    let monday = r - weekday(r);
    Ok(match words.as_slice() {
        ["today"] => d(r),
        ["yesterday"] => d(r - 1),
        ["tomorrow"] => d(r + 1),
        ["this", "year"] => year(y),
        ["this", "month"] => month(y, m),
        ["last", "year"] => year(y - 1),
        ["next", "year"] => year(y + 1),
        ["last", "month"] => month(y, m - 1),
        ["next", "month"] => month(y, m + 1),
        ["last", "week"] => Time {
            first: monday - 7,
            last: monday - 1,
        },
        ["next", "week"] => Time {
            first: monday + 7,
            last: monday + 13,
        },
        ["last", w] => {
            let k = weekday_of(w).unwrap_or(0);
            let back = (weekday(r) - k - 1).rem_euclid(7) + 1;
            d(r - back)
        }
        ["next", w] => {
            let k = weekday_of(w).unwrap_or(0);
            let ahead = (k - weekday(r) - 1).rem_euclid(7) + 1;
            d(r + ahead)
        }
        [w] => {
            let k = weekday_of(w).unwrap_or(0);
            d(r - (weekday(r) - k).rem_euclid(7))
        }
        _ => return Err(TimeError::Invalid),
    })
}

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
/// How a time is written: the one place that chooses among its forms.
enum Form {
    /// One day: year, month, day.
    Day(i64, i64, i64),
    /// A whole year.
    Year(i64),
    /// A whole month: year, month.
    Month(i64, i64),
    /// A half of a year: year, half (1 or 2).
    Half(i64, i64),
    /// A quarter of a year: year, quarter (1 to 4).
    Quarter(i64, i64),
    /// Any other span: its first and last days.
    Span((i64, i64, i64), (i64, i64, i64)),
}

impl Time {
    fn form(&self) -> Form {
        let (y1, m1, d1) = civil(self.first);
        let (y2, m2, d2) = civil(self.last);
        if self.first == self.last {
            Form::Day(y1, m1, d1)
        } else if y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31 {
            Form::Year(y1)
        } else if y1 == y2 && m1 == m2 && d1 == 1 {
            Form::Month(y1, m1)
        } else if y1 == y2 && d1 == 1 && (m1 - 1) % 6 == 0 && m2 == m1 + 5 {
            Form::Half(y1, (m1 - 1) / 6 + 1)
        } else if y1 == y2 && d1 == 1 && (m1 - 1) % 3 == 0 && m2 == m1 + 2 {
            Form::Quarter(y1, (m1 - 1) / 3 + 1)
        } else {
            Form::Span((y1, m1, d1), (y2, m2, d2))
        }
    }

    /// The form [`Display`](fmt::Display) writes, where it is a day, a year, a month, a
    /// half or a quarter of a year from 0 to 9999 (as most times are), written into `buf`
    /// without the formatter; `None` for any other.
    fn short_form<'b>(&self, buf: &'b mut [u8; 10]) -> Option<&'b str> {
        let form = self.form();
        let (Form::Day(y, ..)
        | Form::Year(y)
        | Form::Month(y, _)
        | Form::Half(y, _)
        | Form::Quarter(y, _)) = form
        else {
            return None;
        };
        let year = u32::try_from(y).ok().filter(|y| *y <= 9999)?;
        let digit = |n: i64| b'0' + (n % 10) as u8;
        buf[..5].copy_from_slice(&[
            b'0' + (year / 1000) as u8,
            b'0' + (year / 100 % 10) as u8,
            b'0' + (year / 10 % 10) as u8,
            b'0' + (year % 10) as u8,
            b'-',
        ]);
        let len = match form {
            Form::Day(_, m, d) => {
                buf[5..10].copy_from_slice(&[
                    digit(m / 10),
                    digit(m),
                    b'-',
                    digit(d / 10),
                    digit(d),
                ]);
                10
            }
            Form::Year(_) => 4,
            Form::Month(_, m) => {
                buf[5..7].copy_from_slice(&[digit(m / 10), digit(m)]);
                7
            }
            Form::Half(_, h) => {
                buf[5..7].copy_from_slice(&[b'H', digit(h)]);
                7
            }
            Form::Quarter(_, q) => {
                buf[5..7].copy_from_slice(&[b'Q', digit(q)]);
                7
            }
            Form::Span(..) => return None,
        };
        std::str::from_utf8(&buf[..len]).ok()
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.form() {
            Form::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
            Form::Year(y) => write!(f, "{y:04}"),
            Form::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Form::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Form::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Form::Span((y1, m1, d1), (y2, m2, d2)) => {
                write!(f, "{y1:04}-{m1:02}-{d1:02} to {y2:04}-{m2:02}-{d2:02}")
            }
        }
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
    fn the_short_form_is_what_display_writes() {
        let mut shown = 0;
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for i in 0..20_000i64 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let first = (seed % 4_000_000) as i64 - 1_000_000;
            // A day, then spans of every length up to two years, and forms built from text.
            let last = first
                + if i % 3 == 0 {
                    0
                } else {
                    (seed >> 40) as i64 % 800
                };
            let times = [
                Time { first, last },
                Time::parse(&format!("{}", 1900 + (seed >> 20) % 200))
                    .unwrap_or(Time { first, last }),
                Time::parse(&format!("2024-{:02}", 1 + (seed >> 30) % 12))
                    .unwrap_or(Time { first, last }),
                Time::parse(&format!("2024-Q{}", 1 + (seed >> 34) % 4))
                    .unwrap_or(Time { first, last }),
                Time::parse(&format!("2024-H{}", 1 + (seed >> 36) % 2))
                    .unwrap_or(Time { first, last }),
            ];
            for t in times {
                let mut buf = [0u8; 10];
                if let Some(form) = t.short_form(&mut buf) {
                    shown += 1;
                    assert_eq!(form, t.to_string(), "{t:?}");
                }
            }
        }
        assert!(shown > 50_000, "only {shown} short forms");
    }

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
            "2024-H2",
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

    fn read(s: &str, start: u32, reference: Option<&str>) -> Result<Reading, TimeError> {
        let reference = reference.and_then(Time::parse).map(|t| t.first);
        Time::read(
            s,
            &Context {
                fiscal_year_start: start,
                reference,
            },
        )
    }

    fn shown(s: &str, start: u32, reference: Option<&str>) -> String {
        match read(s, start, reference) {
            Ok(r) => r.time.to_string(),
            Err(e) => format!("{e:?}"),
        }
    }

    #[test]
    fn half_years_fiscal_years_and_periods() {
        assert_eq!(shown("2024-H1", 1, None), "2024-H1");
        assert_eq!(shown("2024-H2", 1, None), "2024-H2");
        assert_eq!(shown("FY2024", 1, None), "2024");
        assert_eq!(shown("FY2024", 4, None), "2023-04-01 to 2024-03-31");
        assert_eq!(shown("FY2023-24", 4, None), "2023-04-01 to 2024-03-31");
        assert_eq!(shown("FY1999-00", 7, None), "1999-07-01 to 2000-06-30");
        assert!(matches!(
            read("FY2023-24", 1, None),
            Err(TimeError::Wrong(_))
        ));
        assert!(matches!(
            read("FY2023-25", 4, None),
            Err(TimeError::Wrong(_))
        ));
        assert_eq!(shown("2012..2015", 1, None), "2012-01-01 to 2015-12-31");
        assert_eq!(
            shown("2024-03..2024-06", 1, None),
            "2024-03-01 to 2024-06-30"
        );
        assert!(matches!(
            read("2015..2012", 1, None),
            Err(TimeError::Wrong(_))
        ));
        // `2000-01` stays January 2000: a fiscal year is written with `FY`.
        assert_eq!(shown("2000-01", 4, None), "2000-01");
        for s in [
            "H1 2024", "FY24", "2024-h1", "2024-q3", "fy2024", "2024-H3", "2012-15",
        ] {
            assert!(read(s, 4, Some("2024-10-15")).is_err(), "{s}");
        }
    }

    #[test]
    fn relative_times_resolve_against_the_reference_day() {
        // 2024-10-17 is a Thursday.
        let r = Some("2024-10-17");
        for (s, want) in [
            ("today", "2024-10-17"),
            ("Yesterday", "2024-10-16"),
            ("tomorrow", "2024-10-18"),
            ("Thursday", "2024-10-17"),
            ("monday", "2024-10-14"),
            ("Friday", "2024-10-11"),
            ("last Thursday", "2024-10-10"),
            ("next Thursday", "2024-10-24"),
            ("last Friday", "2024-10-11"),
            ("next wednesday", "2024-10-23"),
            ("last week", "2024-10-07 to 2024-10-13"),
            ("next week", "2024-10-21 to 2024-10-27"),
            ("last month", "2024-09"),
            ("next month", "2024-11"),
            ("this month", "2024-10"),
            ("last  year", "2023"),
            ("next year", "2025"),
            ("this year", "2024"),
        ] {
            assert_eq!(shown(s, 1, r), want, "{s}");
        }
        assert_eq!(shown("last month", 1, Some("2024-01-05")), "2023-12");
        assert_eq!(shown("next month", 1, Some("2024-12-05")), "2025-01");
        assert_eq!(read("yesterday", 1, None), Err(TimeError::NoReference));
        assert_eq!(read("last fortnight", 1, r), Err(TimeError::Invalid));
        let y = read("yesterday", 1, r).ok();
        assert_eq!(
            y.and_then(|y| y.label("yesterday")).as_deref(),
            Some("yesterday (2024-10-16)")
        );
    }

    #[test]
    fn day_numbers_round_trip() {
        for z in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil(z);
            assert_eq!(day(y, m, d), z, "{y}-{m}-{d}");
        }
    }
}
