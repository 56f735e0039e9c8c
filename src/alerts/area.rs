//! Whether an alert's area covers the Comune: a polygon or a circle that contains its point or
//! comes within its reach, or a geocode naming its ISTAT code. Distances are on a sphere of the
//! Earth's mean radius, which is within a fraction of a percent at a Comune's scale.

use super::{Area, Place, Point};

const EARTH_RADIUS_KM: f64 = 6371.0;

/// Whether `area` covers any part of the Comune at `place`.
pub fn covers(area: &Area, place: &Place) -> bool {
    area.polygons.iter().any(|ring| {
        contains(ring, place.point) || edge_distance_km(ring, place.point) <= place.reach_km
    }) || area
        .circles
        .iter()
        .any(|(centre, radius)| distance_km(*centre, place.point) <= radius + place.reach_km)
        || place.istat.as_deref().is_some_and(|istat| {
            area.geocodes.iter().any(|(name, value)| {
                name.to_ascii_lowercase().contains("istat") && same_istat(value, istat)
            })
        })
}

/// ISTAT codes are written with or without their leading zeros (`048017`, `48017`).
fn same_istat(a: &str, b: &str) -> bool {
    let a = a.trim().trim_start_matches('0');
    let b = b.trim().trim_start_matches('0');
    !a.is_empty() && a == b
}

/// Great-circle distance (haversine).
pub fn distance_km(a: Point, b: Point) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlon = (b.lon - a.lon).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Ray casting in the plane of longitude and latitude: at the scale of an alert area the
/// distortion does not change which side of an edge a point is on.
fn contains(ring: &[Point], p: Point) -> bool {
    let mut inside = false;
    for edge in ring.windows(2) {
        let (a, b) = (edge[0], edge[1]);
        if (a.lat > p.lat) != (b.lat > p.lat) {
            let lon_at = a.lon + (p.lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon);
            if p.lon < lon_at {
                inside = !inside;
            }
        }
    }
    inside
}

/// The shortest distance from `p` to the ring's edges, on a plane tangent at `p` (kilometres).
fn edge_distance_km(ring: &[Point], p: Point) -> f64 {
    let km_per_lat = EARTH_RADIUS_KM.to_radians();
    let km_per_lon = km_per_lat * p.lat.to_radians().cos();
    let local = |q: Point| ((q.lon - p.lon) * km_per_lon, (q.lat - p.lat) * km_per_lat);
    ring.windows(2)
        .map(|edge| {
            let (ax, ay) = local(edge[0]);
            let (bx, by) = local(edge[1]);
            let (dx, dy) = (bx - ax, by - ay);
            let len2 = dx * dx + dy * dy;
            let t = if len2 == 0.0 {
                0.0
            } else {
                (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
            };
            (ax + t * dx).hypot(ay + t * dy)
        })
        .fold(f64::INFINITY, f64::min)
}
