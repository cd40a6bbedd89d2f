//! How phones find the room: the addresses of this computer that phones on the same network can
//! reach, the join link (which carries the room's code, so a phone that scans it joins without
//! typing), and that link as a QR code for the projector.

use std::net::{IpAddr, Ipv4Addr};

use crate::room::RoomCode;

use super::LiveError;

/// A network interface phones in the room may reach this computer through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomInterface {
    /// Its name on this computer ("wlan0", "Wi-Fi").
    pub name: String,
    /// Its IPv4 address.
    pub ip: Ipv4Addr,
}

/// This computer's interfaces that phones may reach, the likeliest first (see
/// [`reachable_interfaces`]).
pub fn room_interfaces() -> Result<Vec<RoomInterface>, LiveError> {
    let all = local_ip_address::list_afinet_netifas()
        .map_err(|e| LiveError::Interfaces(e.to_string()))?;
    Ok(reachable_interfaces(all))
}

/// Of `all` (name and address of each interface), the ones a phone can reach: IPv4, not the
/// loopback, not a link-local address (169.254.x.x: no network gave it one). Private networks
/// (192.168, 10, 172.16-31: home, school and hotspot Wi-Fi) come first, each in the order given.
pub fn reachable_interfaces(all: Vec<(String, IpAddr)>) -> Vec<RoomInterface> {
    let mut found: Vec<RoomInterface> = all
        .into_iter()
        .filter_map(|(name, ip)| match ip {
            IpAddr::V4(ip) if !ip.is_loopback() && !ip.is_link_local() && !ip.is_unspecified() => {
                Some(RoomInterface { name, ip })
            }
            _ => None,
        })
        .collect();
    // Stable: equals keep the system's order.
    found.sort_by_key(|i| !i.ip.is_private());
    found
}

/// The link a phone opens to join: the page on this computer, with the room's code.
pub fn join_url(ip: IpAddr, port: u16, code: &RoomCode) -> String {
    let host = match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    format!("http://{host}:{port}/?code={code}")
}

/// A QR code: a square of dark and light modules, without the quiet zone around it (the screen
/// draws that margin).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrMatrix {
    width: usize,
    dark: Vec<bool>,
}

impl QrMatrix {
    /// The QR code of `text`, with medium error correction (a projector photographed at an
    /// angle still reads).
    pub fn of(text: &str) -> Result<Self, LiveError> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
            .map_err(|e| LiveError::QrCode(e.to_string()))?;
        Ok(Self {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// Modules on a side.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module in column `x`, row `y` is dark (`false` outside the code).
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.dark.get(y * self.width + x).copied() == Some(true)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(a, b, c, d))
    }

    #[test]
    fn phones_are_offered_the_private_network_addresses_first() {
        let all = vec![
            ("lo".to_owned(), v4(127, 0, 0, 1)),
            ("vpn0".to_owned(), v4(100, 64, 3, 2)),
            ("eth0".to_owned(), v4(169, 254, 10, 1)),
            ("wlan0".to_owned(), v4(192, 168, 1, 23)),
            ("v6".to_owned(), "fe80::1".parse().unwrap()),
            ("hotspot".to_owned(), v4(10, 42, 0, 1)),
        ];
        let names: Vec<String> = reachable_interfaces(all)
            .into_iter()
            .map(|i| i.name)
            .collect();
        assert_eq!(names, ["wlan0", "hotspot", "vpn0"]);
    }

    #[test]
    fn this_computers_interfaces_can_be_listed() {
        // Whatever this machine has (a CI machine may have only the loopback), the list comes
        // back and holds no loopback address.
        let found = room_interfaces().unwrap();
        assert!(found.iter().all(|i| !i.ip.is_loopback()), "{found:?}");
    }

    #[test]
    fn the_join_link_carries_the_rooms_code() {
        let code = RoomCode::parse("abcde").unwrap();
        assert_eq!(
            join_url(v4(192, 168, 1, 23), 8765, &code),
            "http://192.168.1.23:8765/?code=ABCDE"
        );
        assert_eq!(
            join_url("fd00::5".parse().unwrap(), 80, &code),
            "http://[fd00::5]:80/?code=ABCDE"
        );
    }

    #[test]
    fn the_qr_code_is_a_square_with_finder_patterns_in_three_corners() {
        let qr = QrMatrix::of("http://192.168.1.23:8765/?code=ABCDE").unwrap();
        let w = qr.width();
        assert!(
            w >= 21 && (w - 17).is_multiple_of(4),
            "a QR code's size: {w}"
        );
        // Each finder pattern: a dark 7x7 ring, a light ring, a dark 3x3 centre.
        for (ox, oy) in [(0, 0), (w - 7, 0), (0, w - 7)] {
            for i in 0..7 {
                assert!(qr.is_dark(ox + i, oy) && qr.is_dark(ox + i, oy + 6));
                assert!(qr.is_dark(ox, oy + i) && qr.is_dark(ox + 6, oy + i));
            }
            assert!(!qr.is_dark(ox + 1, oy + 1));
            assert!(qr.is_dark(ox + 3, oy + 3));
        }
        // The fourth corner has none.
        assert!(!(0..7).all(|i| qr.is_dark(w - 7 + i, w - 7)));
        assert!(!qr.is_dark(w, 0));
    }
}
