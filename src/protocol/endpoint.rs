//! Endpoint resolution: the service's endpoint rule set (`model/NAME/endpoint-rule-set-1.json`,
//! AWS's regional rules: the generator refuses others, and gives the host prefix) with the
//! AWS partitions it relies on, plus the checks that keep a bad region or endpoint from ever
//! becoming a malformed URL.

use crate::model::Service;
use crate::text::{concat, decimal};

/// The rule set's parameters, plus nothing else.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EndpointParams {
    pub region: Option<String>,
    pub use_fips: bool,
    pub use_dual_stack: bool,
    pub endpoint: Option<String>,
}

/// Why no endpoint could be resolved. `message` is the rule set's own wording where it has one.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointError {
    /// The configuration member at fault: `region`, `endpoint`, `useFipsEndpoint`, …
    pub member: &'static str,
    pub message: String,
}

/// A parsed `http(s)://host[:port][/path]` base URL.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub scheme: String,
    /// Host and port as the `host` header carries them: lower-case, default port left out.
    pub authority: String,
    /// Without a trailing slash; empty for the root.
    pub base_path: String,
}

impl Endpoint {
    /// `scheme://authority/base_path`.
    pub fn url(&self) -> String {
        concat(&[&self.scheme, "://", &self.authority, &self.base_path])
    }
}

struct Partition {
    /// The pseudo-region that belongs to this partition though its pattern does not match.
    global_region: &'static str,
    matches: fn(&str) -> bool,
    dns_suffix: &'static str,
    dual_stack_dns_suffix: &'static str,
    supports_fips: bool,
    supports_dual_stack: bool,
}

/// The AWS partitions, in order; the first is the fallback for an unknown region, as in
/// the `aws.partition` function of the rules engine.
const PARTITIONS: &[Partition] = &[
    Partition {
        global_region: "aws-global",
        // ^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$
        matches: |r| {
            ["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"].iter().any(|p| region_shape(r, p))
        },
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        global_region: "aws-cn-global",
        matches: |r| region_shape(r, "cn"),
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: "api.amazonwebservices.com.cn",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        global_region: "aws-us-gov-global",
        matches: |r| region_shape(r, "us-gov"),
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: "api.aws",
        supports_fips: true,
        supports_dual_stack: true,
    },
    Partition {
        global_region: "aws-iso-global",
        matches: |r| region_shape(r, "us-iso"),
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: "c2s.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        global_region: "aws-iso-b-global",
        matches: |r| region_shape(r, "us-isob"),
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: "sc2s.sgov.gov",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        global_region: "aws-iso-e-global",
        matches: |r| region_shape(r, "eu-isoe"),
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: "cloud.adc-e.uk",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        global_region: "aws-iso-f-global",
        matches: |r| region_shape(r, "us-isof"),
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: "csp.hci.ic.gov",
        supports_fips: true,
        supports_dual_stack: false,
    },
    Partition {
        global_region: "aws-eusc-global",
        matches: |r| region_shape(r, "eusc-de"),
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: "amazonaws.eu",
        supports_fips: true,
        supports_dual_stack: false,
    },
];

/// `^PREFIX\-\w+\-\d+$`, where `\w` is `[A-Za-z0-9_]`.
fn region_shape(region: &str, prefix: &str) -> bool {
    let Some(rest) = region.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
        return false;
    };
    // Bytes, not chars: std's reverse char searcher is larger than these few lines.
    let Some(dash) = rest.bytes().rposition(|b| b == b'-') else { return false };
    let (word, digits) = (&rest[..dash], &rest[dash + 1..]);
    !word.is_empty()
        && word.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !digits.is_empty()
        && digits.bytes().all(|c| c.is_ascii_digit())
}

fn partition(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.global_region == region)
        .or_else(|| PARTITIONS.iter().find(|p| (p.matches)(region)))
        .unwrap_or(&PARTITIONS[0])
}

/// A region goes into a host name and the signing scope: it must be one DNS label, in
/// lower case (the rule set itself accepts any string).
fn check_region(region: &str) -> Result<(), EndpointError> {
    let b = region.as_bytes();
    let ok = (1..=63).contains(&b.len())
        && b.iter().all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-';
    if ok {
        Ok(())
    } else {
        Err(EndpointError {
            member: "region",
            message: concat(&[
                &quote(region),
                " is not a region name: expected lower-case letters, digits and hyphens, such as us-east-1",
            ]),
        })
    }
}

fn quote(s: &str) -> String {
    crate::validate::quoted(s)
}

/// Resolves the endpoint as the service's rule set does.
pub fn resolve(service: &Service, params: &EndpointParams) -> Result<Endpoint, EndpointError> {
    if let Some(url) = &params.endpoint {
        if params.use_fips {
            return Err(EndpointError {
                member: "useFipsEndpoint",
                message: "Invalid Configuration: FIPS and custom endpoint are not supported".into(),
            });
        }
        if params.use_dual_stack {
            return Err(EndpointError {
                member: "useDualstackEndpoint",
                message: "Invalid Configuration: Dualstack and custom endpoint are not supported".into(),
            });
        }
        if let Some(region) = &params.region {
            check_region(region)?;
        }
        return parse_base_url(url);
    }
    let Some(region) = &params.region else {
        return Err(EndpointError { member: "region", message: "Invalid Configuration: Missing Region".into() });
    };
    check_region(region)?;
    let p = partition(region);
    let (prefix, suffix) = match (params.use_fips, params.use_dual_stack) {
        (true, true) if p.supports_fips && p.supports_dual_stack => (service.fips_prefix, p.dual_stack_dns_suffix),
        (true, true) => {
            return Err(EndpointError {
                member: "useFipsEndpoint",
                message: "FIPS and DualStack are enabled, but this partition does not support one or both".into(),
            })
        }
        (true, false) if p.supports_fips => (service.fips_prefix, p.dns_suffix),
        (true, false) => {
            return Err(EndpointError {
                member: "useFipsEndpoint",
                message: "FIPS is enabled but this partition does not support FIPS".into(),
            })
        }
        (false, true) if p.supports_dual_stack => (service.endpoint_prefix, p.dual_stack_dns_suffix),
        (false, true) => {
            return Err(EndpointError {
                member: "useDualstackEndpoint",
                message: "DualStack is enabled but this partition does not support DualStack".into(),
            })
        }
        (false, false) => (service.endpoint_prefix, p.dns_suffix),
    };
    Ok(Endpoint { scheme: "https".into(), authority: concat(&[prefix, ".", region, ".", suffix]), base_path: String::new() })
}

/// An absolute `http(s)` URL, split; the authority is normalized as the `host` header
/// carries it (lower case, default port left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Url<'a> {
    pub scheme: &'static str,
    pub authority: String,
    /// As written, possibly empty.
    pub path: &'a str,
    /// After `?`, without it; None when there is no `?`.
    pub query: Option<&'a str>,
}

/// Parses an absolute URL; a fragment is dropped (it is never sent). Err says why not.
pub fn parse_url(url: &str) -> Result<Url<'_>, &'static str> {
    let (scheme, rest) = url.split_once(':').and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?))).ok_or("expected http:// or https://")?;
    let (scheme, default_port) = match scheme.to_ascii_lowercase().as_str() {
        "https" => ("https", 443),
        "http" => ("http", 80),
        _ => return Err("expected http:// or https://"),
    };
    let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
    let authority_end = rest.bytes().position(|b| b == b'/' || b == b'?').unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    if authority.contains('@') {
        return Err("credentials in the URL are not allowed");
    }
    let (host, port) = split_port(authority).ok_or("the port must be a number from 1 to 65535")?;
    let host_ok = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !v6.is_empty() && v6.bytes().all(|c| c.is_ascii_hexdigit() || c == b':' || c == b'.')
    } else {
        !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty() && label.len() <= 63 && label.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
            })
    };
    if !host_ok {
        return Err("the host name is not valid");
    }
    let host = host.to_ascii_lowercase();
    let authority = match port {
        Some(p) if p != default_port => concat(&[&host, ":", &decimal(p.into())]),
        _ => host,
    };
    Ok(Url { scheme, authority, path, query })
}

/// Parses a custom endpoint: `http` or `https`, a host, an optional port and path; no
/// credentials, query or fragment (they would be sent somewhere unexpected or dropped).
pub fn parse_base_url(url: &str) -> Result<Endpoint, EndpointError> {
    let invalid = |why: &str| EndpointError {
        member: "endpoint",
        message: concat(&[&quote(url), " is not a usable endpoint URL: ", why]),
    };
    if url.bytes().any(|b| b == b'?' || b == b'#') {
        return Err(invalid("a query or fragment is not allowed"));
    }
    let parsed = parse_url(url).map_err(invalid)?;
    if !parsed.path.bytes().all(|c| c.is_ascii_graphic()) {
        return Err(invalid("the path must be percent-encoded"));
    }
    Ok(Endpoint {
        scheme: parsed.scheme.into(),
        authority: parsed.authority,
        base_path: parsed.path[..parsed.path.bytes().rposition(|b| b != b'/').map_or(0, |i| i + 1)].to_owned(),
    })
}

/// Splits `host[:port]`; None when the port is not a number from 1 to 65535.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let port_at = match authority.bytes().rposition(|b| b == b':') {
        Some(i) if !authority[i..].contains(']') => i,
        _ => return Some((authority, None)),
    };
    let (host, port) = (&authority[..port_at], &authority[port_at + 1..]);
    if port.is_empty() || port.len() > 5 || !port.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // At most five digits: no overflow.
    let number = port.bytes().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    Some((host, Some(u16::try_from(number).ok().filter(|&n| n > 0)?)))
}
