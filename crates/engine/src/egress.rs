//! Where the server may call out to (webhooks, bots, workflow calls): public addresses, and the
//! private hosts and networks the installation lists for its own integrations; never a cloud
//! metadata address, and never its own API port on a non-public address.

use crate::error::RuleError;
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

/// Most entries an installation may list.
pub const MAX_ALLOWED: usize = 100;

/// One entry of the allow list: a network (`10.0.0.0/8`, one address) or a host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Allowed {
    Network(IpNet),
    Host(String),
}

impl Allowed {
    /// Reads an entry as written in the setting.
    pub fn parse(entry: &str) -> Result<Self, RuleError> {
        let e = entry.trim();
        let bad = || RuleError::BadAllowedHost(e.to_owned());
        if e.is_empty() || e.len() > 253 {
            return Err(bad());
        }
        if let Ok(net) = e.parse::<IpNet>() {
            return Ok(Allowed::Network(net.trunc()));
        }
        if let Ok(ip) = e.parse::<IpAddr>() {
            return Ok(Allowed::Network(IpNet::from(ip)));
        }
        let host_like = e.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
        if host_like {
            Ok(Allowed::Host(e.to_ascii_lowercase()))
        } else {
            Err(bad())
        }
    }

    /// The entry as written back.
    pub fn to_text(&self) -> String {
        match self {
            Allowed::Network(n) if n.prefix_len() == n.max_prefix_len() => n.addr().to_string(),
            Allowed::Network(n) => n.to_string(),
            Allowed::Host(h) => h.clone(),
        }
    }
}

/// Longest URL the server stores or calls.
pub const MAX_URL_CHARS: usize = 2000;

/// The shape of a URL to call, before it is parsed: one piece of text without blanks.
pub fn check_url_text(url: &str) -> Result<(), RuleError> {
    if url.contains(char::is_whitespace) || url.chars().count() > MAX_URL_CHARS {
        Err(RuleError::BadUrl { url: url.to_owned(), why: "use an http or https URL".into() })
    } else {
        Ok(())
    }
}

/// Reads the installation's list, refusing the whole list for one bad entry.
pub fn parse_allowed(entries: &[String]) -> Result<Vec<Allowed>, RuleError> {
    if entries.len() > MAX_ALLOWED {
        return Err(RuleError::TooMany { field: "allowedPrivateHosts", max: MAX_ALLOWED });
    }
    let mut out: Vec<Allowed> = Vec::with_capacity(entries.len());
    for e in entries {
        let a = Allowed::parse(e)?;
        if !out.contains(&a) {
            out.push(a);
        }
    }
    Ok(out)
}

/// Addresses nobody may call: instance metadata services hand out cloud credentials.
fn is_metadata(ip: IpAddr) -> bool {
    const V4: [Ipv4Addr; 2] = [Ipv4Addr::new(169, 254, 169, 254), Ipv4Addr::new(100, 100, 100, 200)];
    match ip {
        IpAddr::V4(v4) => V4.contains(&v4),
        IpAddr::V6(v6) => v6 == Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254),
    }
}

/// Why an address is not public (None: it is).
pub fn non_public(ip: IpAddr) -> Option<&'static str> {
    let net = |s: &str| s.parse::<IpNet>().ok();
    let within = |ranges: &[&str]| ranges.iter().filter_map(|r| net(r)).any(|n| n.contains(&ip));
    match ip {
        IpAddr::V4(v4) => {
            if v4.is_unspecified() || within(&["0.0.0.0/8"]) {
                Some("unspecified")
            } else if v4.is_loopback() {
                Some("loopback")
            } else if v4.is_private() {
                Some("private")
            } else if v4.is_link_local() {
                Some("link-local")
            } else if within(&["100.64.0.0/10"]) {
                Some("shared (carrier-grade NAT)")
            } else if v4.is_multicast() || v4.is_broadcast() {
                Some("multicast or broadcast")
            } else if within(&[
                "192.0.0.0/24",
                "192.0.2.0/24",
                "198.18.0.0/15",
                "198.51.100.0/24",
                "203.0.113.0/24",
                "240.0.0.0/4",
            ]) {
                Some("reserved")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return non_public(IpAddr::V4(v4));
            }
            if v6.is_unspecified() {
                Some("unspecified")
            } else if v6.is_loopback() {
                Some("loopback")
            } else if within(&["fc00::/7"]) {
                Some("private")
            } else if within(&["fe80::/10", "fec0::/10"]) {
                Some("link-local")
            } else if v6.is_multicast() {
                Some("multicast or broadcast")
            } else if within(&["2001:db8::/32", "64:ff9b::/96", "2002::/16", "100::/64"]) {
                Some("reserved")
            } else {
                None
            }
        }
    }
}

/// Whether the server may connect to `addr` for a URL naming `host`. `own_port` is the port
/// of this installation's own API, which no outbound call may reach.
pub fn check(allowed: &[Allowed], host: &str, addr: SocketAddr, own_port: Option<u16>) -> Result<(), RuleError> {
    let ip = match addr.ip() {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    };
    let refused = |why: &str| RuleError::AddressNotAllowed { host: host.to_owned(), address: ip, why: why.to_owned() };
    if is_metadata(ip) {
        return Err(refused("a cloud metadata address"));
    }
    let Some(kind) = non_public(ip) else { return Ok(()) };
    if own_port.is_some_and(|p| p == addr.port() && addr.port() != 0) {
        return Err(refused("this installation's own API"));
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let listed = allowed.iter().any(|a| match a {
        Allowed::Network(n) => n.contains(&ip),
        Allowed::Host(h) => *h == host,
    });
    if listed {
        Ok(())
    } else {
        Err(refused(&format!("{kind}; list it in the outbound settings to allow it")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_public_addresses_by_default() {
        for a in [
            "127.0.0.1:80",
            "10.1.2.3:443",
            "172.16.0.1:80",
            "192.168.1.1:80",
            "169.254.1.1:80",
            "0.0.0.0:80",
            "100.64.0.1:80",
            "[::1]:80",
            "[::]:80",
            "[fd12::1]:80",
            "[fe80::1]:80",
            "[::ffff:127.0.0.1]:80",
            "255.255.255.255:80",
        ] {
            assert!(check(&[], "h", addr(a), None).is_err(), "{a}");
        }
        assert_eq!(check(&[], "example.com", addr("93.184.216.34:443"), None), Ok(()));
        assert_eq!(check(&[], "example.com", addr("[2606:2800:220:1::1]:443"), None), Ok(()));
    }

    #[test]
    fn the_metadata_address_is_never_allowed() {
        let all = parse_allowed(&["169.254.0.0/16".into(), "0.0.0.0/0".into()]).unwrap();
        let e = check(&all, "169.254.169.254", addr("169.254.169.254:80"), None).unwrap_err();
        assert!(e.to_string().contains("metadata"), "{e}");
        assert_eq!(check(&all, "x", addr("169.254.1.1:80"), None), Ok(()));
    }

    #[test]
    fn listed_hosts_and_networks_are_allowed_but_never_the_own_port() {
        let list = parse_allowed(&["10.0.0.0/8".into(), "crm.lan".into(), "127.0.0.1".into()]).unwrap();
        assert_eq!(check(&list, "x", addr("10.9.8.7:8080"), None), Ok(()));
        assert_eq!(check(&list, "CRM.lan.", addr("192.168.5.5:80"), None), Ok(()));
        assert!(check(&list, "other.lan", addr("192.168.5.5:80"), None).is_err());
        assert_eq!(check(&list, "127.0.0.1", addr("127.0.0.1:9000"), Some(4810)), Ok(()));
        let own = check(&list, "127.0.0.1", addr("127.0.0.1:4810"), Some(4810)).unwrap_err();
        assert!(own.to_string().contains("own API"), "{own}");
    }

    #[test]
    fn entries_are_checked_when_saved() {
        assert_eq!(Allowed::parse(" 10.1.2.3/8 ").unwrap().to_text(), "10.0.0.0/8");
        assert_eq!(Allowed::parse("192.168.0.7").unwrap().to_text(), "192.168.0.7");
        assert_eq!(Allowed::parse("Printer-1.LAN").unwrap().to_text(), "printer-1.lan");
        for bad in ["", "http://x", "a b", "-x.lan", "10.0.0.0/33"] {
            assert!(Allowed::parse(bad).is_err(), "{bad}");
        }
        assert!(parse_allowed(&vec!["x.lan".to_owned(); 101]).is_err());
        assert!(check_url_text("https://example.com/hook").is_ok());
        assert!(check_url_text("https://example.com/a b").is_err());
        assert!(check_url_text(&format!("https://example.com/{}", "a".repeat(MAX_URL_CHARS))).is_err());
    }
}
