//! `X-Forwarded-*` behind trusted proxies. Proxies *append* to `X-Forwarded-For`, so everything
//! left of what our own proxies added was written by the client and proves nothing: the list is
//! read right to left, addresses of `server.trusted_proxies` (plain addresses or CIDR ranges) are
//! skipped, and the first one that is not a trusted proxy is the client.

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use ipnet::IpNet;

/// Longest forwarding header considered; a longer one is treated as absent beyond this point
/// (its rightmost part, which our own proxies wrote, is what counts).
const MAX_FORWARDED_LEN: usize = 4096;
/// Most list entries looked at, right to left.
const MAX_HOPS: usize = 32;

/// One `server.trusted_proxies` entry: an address (`10.0.0.5`, `::1`) or a CIDR range
/// (`10.0.0.0/8`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct TrustedProxy(IpNet);

#[derive(Debug, thiserror::Error)]
#[error(
    "`{0}` is not an IP address or a CIDR range (e.g. \"10.0.0.5\", \"10.0.0.0/8\", \"::1/128\")"
)]
pub struct BadTrustedProxy(String);

impl FromStr for TrustedProxy {
    type Err = BadTrustedProxy;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if let Ok(net) = text.parse::<IpNet>() {
            return Ok(TrustedProxy(net.trunc()));
        }
        text.parse::<IpAddr>()
            .map(|ip| TrustedProxy(IpNet::from(ip.to_canonical())))
            .map_err(|_| BadTrustedProxy(s.to_owned()))
    }
}

impl TryFrom<String> for TrustedProxy {
    type Error = BadTrustedProxy;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl fmt::Display for TrustedProxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TrustedProxy {
    /// Whether `ip` is this proxy (or inside this range). IPv4-mapped IPv6 addresses
    /// (`::ffff:10.0.0.5`, what a dual-stack listener reports) count as their IPv4 address.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.contains(&ip.to_canonical())
    }
}

/// Whether `ip` is one of `trusted`.
pub fn is_trusted(trusted: &[TrustedProxy], ip: IpAddr) -> bool {
    trusted.iter().any(|p| p.contains(ip))
}

/// One `X-Forwarded-For` entry as an address: `203.0.113.7`, `2001:db8::1`, `[2001:db8::1]`,
/// or with a port (`203.0.113.7:51234`, `[2001:db8::1]:443`) as some proxies write it.
pub fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(ip) = entry.parse::<IpAddr>() {
        return Some(ip.to_canonical());
    }
    if let Ok(addr) = entry.parse::<SocketAddr>() {
        return Some(addr.ip().to_canonical());
    }
    entry
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'))
        .and_then(|inner| inner.parse::<IpAddr>().ok())
        .map(|ip| ip.to_canonical())
}

/// The client address: `peer` itself unless it is a trusted proxy; then `X-Forwarded-For`
/// (`values`, every header line in order) right to left, skipping trusted proxies. When an entry
/// is not an address the walk stops at the last hop known good (a proxy wrote nonsense: we do not
/// guess further left, where the client writes). When every entry is a trusted proxy, the
/// leftmost one is the client.
pub fn client_ip<'a>(
    peer: IpAddr,
    values: impl DoubleEndedIterator<Item = &'a str>,
    trusted: &[TrustedProxy],
) -> IpAddr {
    let peer = peer.to_canonical();
    if !is_trusted(trusted, peer) {
        return peer;
    }
    let mut client = peer;
    for entry in entries_right_to_left(values).take(MAX_HOPS) {
        let Some(ip) = parse_entry(entry) else {
            return client;
        };
        client = ip;
        if !is_trusted(trusted, ip) {
            return ip;
        }
    }
    client
}

/// The rightmost non-empty value of an appended-to header (`X-Forwarded-Host`,
/// `X-Forwarded-Proto`): what the nearest proxy saw. Values further left may come from the client.
pub fn rightmost<'a>(values: impl DoubleEndedIterator<Item = &'a str>) -> Option<&'a str> {
    entries_right_to_left(values).next()
}

/// Comma-separated entries of every header line, last line's last entry first, empty ones
/// skipped, at most `MAX_FORWARDED_LEN` bytes of each line (from its right end).
fn entries_right_to_left<'a>(
    values: impl DoubleEndedIterator<Item = &'a str>,
) -> impl Iterator<Item = &'a str> {
    values
        .rev()
        .flat_map(|line| tail(line, MAX_FORWARDED_LEN).rsplit(','))
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
}

/// The last `max` bytes of `s`, cut at a character boundary (whole entries may be lost on the
/// left: those are the client's anyway).
fn tail(s: &str, max: usize) -> &str {
    let Some(start) = s.len().checked_sub(max) else {
        return s;
    };
    s.char_indices()
        .map(|(i, _)| i)
        .find(|&i| i >= start)
        .and_then(|i| s.get(i..))
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn proxies(list: &[&str]) -> Vec<TrustedProxy> {
        list.iter().filter_map(|p| p.parse().ok()).collect()
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn addresses_and_ranges_are_accepted_and_nonsense_is_named() {
        for good in [
            "10.0.0.5",
            "10.0.0.0/8",
            "::1/128",
            "::1",
            "fd00::/8",
            " 192.168.1.7 ",
        ] {
            assert!(good.parse::<TrustedProxy>().is_ok(), "{good}");
        }
        for bad in [
            "10.0.0.0/33",
            "localhost",
            "",
            "10.0.0",
            "::1/129",
            "10.0.0.0/8/8",
        ] {
            let e = bad
                .parse::<TrustedProxy>()
                .map(|_| ())
                .err()
                .map(|e| e.to_string());
            assert!(
                e.as_deref()
                    .is_some_and(|e| e.contains(&format!("`{bad}`"))),
                "{bad}: {e:?}"
            );
        }
        let range: Vec<TrustedProxy> = proxies(&["10.1.2.3/8"]);
        assert!(range.iter().all(|p| p.contains(ip("10.200.0.1"))));
        assert!(is_trusted(&proxies(&["127.0.0.1"]), ip("::ffff:127.0.0.1")));
        assert!(!is_trusted(&proxies(&["127.0.0.1"]), ip("127.0.0.2")));
    }

    #[test]
    fn the_client_is_the_first_untrusted_address_from_the_right() {
        let trusted = proxies(&["127.0.0.1", "10.0.0.0/8"]);
        let peer = ip("127.0.0.1");
        let cases: &[(&[&str], &str)] = &[
            (&["203.0.113.9, 198.51.100.20"], "198.51.100.20"),
            (&["203.0.113.9, 198.51.100.20, 10.9.8.7"], "198.51.100.20"),
            (&["203.0.113.9", "198.51.100.20"], "198.51.100.20"),
            (&["198.51.100.20:51234"], "198.51.100.20"),
            (&["[2001:db8::1]:443"], "2001:db8::1"),
            (&["[2001:db8::1]"], "2001:db8::1"),
            (&["10.1.1.1, 10.2.2.2"], "10.1.1.1"),
            (&["garbage, 10.2.2.2"], "10.2.2.2"),
            (&["198.51.100.20, unknown"], "127.0.0.1"),
            (&[""], "127.0.0.1"),
            (&[], "127.0.0.1"),
            (&[" , ,198.51.100.20 ,"], "198.51.100.20"),
        ];
        for (values, want) in cases {
            let got = client_ip(peer, values.iter().copied(), &trusted);
            assert_eq!(got, ip(want), "{values:?}");
        }
        // From an untrusted peer the header is ignored.
        let got = client_ip(ip("192.0.2.1"), ["198.51.100.20"].into_iter(), &trusted);
        assert_eq!(got, ip("192.0.2.1"));
    }

    #[test]
    fn forwarded_host_and_proto_are_the_rightmost_values() {
        assert_eq!(
            rightmost(["evil.example, portal.example"].into_iter()),
            Some("portal.example")
        );
        assert_eq!(rightmost(["https", "http"].into_iter()), Some("http"));
        assert_eq!(rightmost(["https, "].into_iter()), Some("https"));
        assert_eq!(rightmost([" , "].into_iter()), None);
    }

    #[test]
    fn long_headers_keep_their_right_end() {
        let long = format!("{}198.51.100.20", "é,".repeat(5_000));
        let got = client_ip(
            ip("127.0.0.1"),
            [long.as_str()].into_iter(),
            &proxies(&["127.0.0.1"]),
        );
        assert_eq!(got, ip("198.51.100.20"));
        assert_eq!(tail("héllo", 4), "llo");
    }

    proptest! {
        #[test]
        fn any_header_never_panics_and_names_the_peer_or_one_of_its_entries(
            lines in proptest::collection::vec("\\PC{0,80}", 0..4),
            raw in proptest::collection::vec(any::<u8>(), 0..200),
        ) {
            let trusted = proxies(&["127.0.0.1", "10.0.0.0/8", "::1/128"]);
            let bytes = String::from_utf8_lossy(&raw).into_owned();
            let mut all: Vec<&str> = lines.iter().map(String::as_str).collect();
            all.push(&bytes);
            let got = client_ip(ip("127.0.0.1"), all.iter().copied(), &trusted);
            // The peer, or an address one of the entries names.
            let named: Vec<IpAddr> = all.iter().flat_map(|l| l.split(',')).filter_map(parse_entry).collect();
            prop_assert!(got == ip("127.0.0.1") || named.contains(&got), "{:?} from {:?}", got, all);
            let _ = rightmost(all.iter().copied());
            let _ = parse_entry(&bytes);
            let _ = bytes.parse::<TrustedProxy>();
        }

        #[test]
        fn a_client_cannot_choose_its_address(prefix in "\\PC{0,60}") {
            let trusted = proxies(&["127.0.0.1"]);
            let header = format!("{prefix}, 198.51.100.20");
            let got = client_ip(ip("127.0.0.1"), [header.as_str()].into_iter(), &trusted);
            prop_assert_eq!(got, ip("198.51.100.20"));
        }
    }
}
