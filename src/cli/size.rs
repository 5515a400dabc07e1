//! Sizes on the command line: `67108864`, `64M`, `64MiB`, `500K`, `1G`, `2MB`.

/// Parses a byte count with an optional unit: `K`, `M`, `G` and `KiB`, `MiB`, `GiB` are powers
/// of 1024 (as in `head -c`, ripgrep and the help's defaults); `KB`, `MB`, `GB` powers of 1000;
/// `B` or no unit is bytes. Units ignore case; a space before the unit is allowed.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    if digits.is_empty() {
        return Err(format!(
            "expected a size such as 1048576, 64K, 64M or 1GiB, found {s:?}"
        ));
    }
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{digits} is too large"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use K, M, G, KiB, MiB, GiB, KB, MB or GB)"
            ))
        }
    };
    n.checked_mul(factor)
        .and_then(|b| usize::try_from(b).ok())
        .ok_or_else(|| format!("{s} is too large"))
}

/// The longest document the analysis reads whole (a token's offsets are 32 bits; the library
/// reads a longer one up to this mark): 4 GiB less a byte.
pub const MAX_DOCUMENT: usize = u32::MAX as usize;

/// [`parse_size`] for `--max-bytes`: at most [`MAX_DOCUMENT`], so that no document is cut.
pub fn parse_max_bytes(s: &str) -> Result<usize, String> {
    let n = parse_size(s)?;
    if n > MAX_DOCUMENT {
        return Err(format!(
            "{s} is over the longest document quotecheck reads, \
             {MAX_DOCUMENT} bytes (4 GiB less a byte)"
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::{parse_max_bytes, parse_size, MAX_DOCUMENT};

    #[test]
    fn max_bytes_is_under_4_gib() {
        assert_eq!(parse_max_bytes("64MiB"), Ok(64 << 20));
        assert_eq!(parse_max_bytes(&MAX_DOCUMENT.to_string()), Ok(MAX_DOCUMENT));
        assert!(parse_max_bytes("4GiB")
            .unwrap_err()
            .contains("longest document"));
    }

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("67108864"), Ok(67_108_864));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("64 mib"), Ok(64 << 20));
        assert_eq!(parse_size("500K"), Ok(500 << 10));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("2MB"), Ok(2_000_000));
        assert_eq!(parse_size("10b"), Ok(10));
        assert!(parse_size("M").is_err());
        assert!(parse_size("64X").unwrap_err().contains("unknown unit"));
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
