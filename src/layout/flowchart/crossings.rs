//! How many times one arrow crosses another on a laid-out page: what the
//! layout is judged by once it is done.

use super::{Arrow, PageLayout};

type Segment = ((f64, f64), (f64, f64));

/// The crossings of a page: a horizontal stretch of one arrow over a
/// vertical one of another, away from both their ends.
pub(super) fn page_crossings(page: &PageLayout) -> usize {
    let segments = |a: &Arrow| a.points.windows(2).map(|w| (w[0], w[1])).collect::<Vec<Segment>>();
    let arrows: Vec<Vec<Segment>> = page.arrows.iter().map(segments).collect();
    let inside = |v: f64, a: f64, b: f64| v > a.min(b) + 0.5 && v < a.max(b) - 0.5;
    let cross = |(a, b): Segment, (c, d): Segment| {
        let horizontal = |p: (f64, f64), q: (f64, f64)| (p.1 - q.1).abs() < 0.01;
        let vertical = |p: (f64, f64), q: (f64, f64)| (p.0 - q.0).abs() < 0.01;
        (horizontal(a, b) && vertical(c, d) && inside(c.0, a.0, b.0) && inside(a.1, c.1, d.1))
            || (vertical(a, b) && horizontal(c, d) && inside(a.0, c.0, d.0) && inside(c.1, a.1, b.1))
    };
    let mut count = 0;
    for (i, one) in arrows.iter().enumerate() {
        for other in &arrows[i + 1..] {
            count += one.iter().map(|&s| other.iter().filter(|&&o| cross(s, o)).count()).sum::<usize>();
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::flow::Heads;

    #[test]
    fn crossings_count_arrows_over_arrows_away_from_their_ends() {
        let arrow =
            |points: &[(f64, f64)]| Arrow { from: 0, to: 1, points: points.to_vec(), label: None, heads: Heads::One };
        let page = PageLayout {
            first: 0,
            end: 1,
            top_strip: 0.0,
            bottom_strip: 0.0,
            rows: vec![],
            symbols: vec![],
            connectors: vec![],
            arrows: vec![
                arrow(&[(0.0, 10.0), (100.0, 10.0)]),
                arrow(&[(50.0, 0.0), (50.0, 30.0)]),
                // Ends on the first one: a join, not a crossing.
                arrow(&[(80.0, 30.0), (80.0, 10.0)]),
                arrow(&[(20.0, 20.0), (60.0, 20.0)]),
            ],
        };
        assert_eq!(page_crossings(&page), 2);
    }
}
