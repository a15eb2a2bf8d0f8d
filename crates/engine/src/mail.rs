//! Email the installation sends (invite and reset links, test messages): what an SMTP setup must
//! hold, and the texts of those messages.

use crate::credentials::LinkPurpose;
use crate::user::check_email;
use crate::RuleError;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(utoipa::ToSchema))]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS, required (port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on a trusted network (port 25).
    None,
}

impl SmtpSecurity {
    /// The usual port for this kind of connection.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        }
    }
}

/// Field bounds.
pub const MAX_HOST_CHARS: usize = 253;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_SECRET_CHARS: usize = 500;

/// The SMTP server email goes through, and where the links in it point.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SmtpSetup {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    pub from_address: String,
    pub from_name: Option<String>,
    /// The address people open Switchboard at (links in emails start with it).
    pub public_address: String,
}

fn bounded(field: &'static str, value: &str, max: usize) -> Result<String, RuleError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(RuleError::Empty { field });
    }
    if v.chars().count() > max {
        return Err(RuleError::TooLong { field, max });
    }
    Ok(v.to_owned())
}

impl SmtpSetup {
    /// Checks and tidies a setup: a host, a port, a sender address, and a public address that
    /// is `http(s)://host[:port]` (a trailing slash is dropped).
    pub fn checked(self, has_password: bool) -> Result<SmtpSetup, RuleError> {
        let host = bounded("host", &self.host, MAX_HOST_CHARS)?;
        if host.contains(['/', ' ', '@']) {
            return Err(RuleError::SmtpHost);
        }
        if self.port == 0 {
            return Err(RuleError::SmtpPort);
        }
        let from_address = bounded("fromAddress", &self.from_address, 320)?;
        check_email(&from_address)?;
        let username = match self.username.as_deref().map(str::trim) {
            Some("") | None => None,
            Some(u) => Some(bounded("username", u, MAX_NAME_CHARS)?),
        };
        if has_password && username.is_none() {
            return Err(RuleError::SmtpPasswordWithoutUser);
        }
        let from_name = match self.from_name.as_deref().map(str::trim) {
            Some("") | None => None,
            Some(n) => Some(bounded("fromName", n, MAX_NAME_CHARS)?),
        };
        let public_address = check_public_address(&self.public_address)?;
        Ok(SmtpSetup {
            host,
            port: self.port,
            security: self.security,
            username,
            from_address,
            from_name,
            public_address,
        })
    }
}

/// `http(s)://host[:port]`, nothing after it but an optional slash (dropped).
pub fn check_public_address(raw: &str) -> Result<String, RuleError> {
    let v = raw.trim().trim_end_matches('/');
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://")).ok_or(RuleError::PublicAddress)?;
    let valid = !rest.is_empty() && !rest.contains(['/', '?', '#', '@', ' ']) && rest.len() <= MAX_HOST_CHARS + 6;
    if valid {
        Ok(v.to_owned())
    } else {
        Err(RuleError::PublicAddress)
    }
}

/// An email to send: one recipient, a subject and a plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub to: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub text: String,
}

/// The email that carries an invite or reset link. `expires` is already written for people.
pub fn link_email(purpose: LinkPurpose, name: &str, email: &str, url: &str, expires: &str) -> Email {
    let (subject, opening, action) = match purpose {
        LinkPurpose::Invite => (
            "You are invited to Switchboard".to_owned(),
            format!("Hello {name},\n\nYou have been invited to sign in to Switchboard as {email}."),
            "Open this link to choose your password",
        ),
        LinkPurpose::Reset => (
            "Set a new Switchboard password".to_owned(),
            format!("Hello {name},\n\nAn administrator let you set a new password for {email}."),
            "Open this link to choose it",
        ),
    };
    let text = format!(
        "{opening}\n\n{action} (it works once, until {expires}):\n\n{url}\n\n\
         If you did not expect this, ignore this email: nothing changes until the link is used.\n"
    );
    Email { to: email.to_owned(), to_name: Some(name.to_owned()), subject, text }
}

/// The message that proves a setup works.
pub fn test_email(to: &str, name: &str) -> Email {
    Email {
        to: to.to_owned(),
        to_name: Some(name.to_owned()),
        subject: "Switchboard test email".into(),
        text: format!("Hello {name},\n\nThis is a test from Switchboard: its email settings work.\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> SmtpSetup {
        SmtpSetup {
            host: " smtp.example.com ".into(),
            port: 587,
            security: SmtpSecurity::StartTls,
            username: Some(" ".into()),
            from_address: "help@example.com".into(),
            from_name: Some("".into()),
            public_address: "https://help.example.com/".into(),
        }
    }

    #[test]
    fn a_setup_is_tidied_and_checked() {
        let s = setup().checked(false).unwrap();
        assert_eq!((s.host.as_str(), s.username, s.from_name), ("smtp.example.com", None, None));
        assert_eq!(s.public_address, "https://help.example.com");
        assert_eq!(setup().checked(true), Err(RuleError::SmtpPasswordWithoutUser));
        assert_eq!(SmtpSetup { port: 0, ..setup() }.checked(false), Err(RuleError::SmtpPort));
        assert!(SmtpSetup { host: "smtp://x".into(), ..setup() }.checked(false).is_err());
        assert!(SmtpSetup { from_address: "nobody".into(), ..setup() }.checked(false).is_err());
    }

    #[test]
    fn public_addresses_are_an_origin() {
        assert_eq!(check_public_address("http://10.0.0.5:4810").unwrap(), "http://10.0.0.5:4810");
        for bad in ["help.example.com", "ftp://x", "https://", "https://x/app", "https://x?y", "https://u@x"] {
            assert_eq!(check_public_address(bad), Err(RuleError::PublicAddress), "{bad}");
        }
    }

    #[test]
    fn link_emails_name_the_person_the_link_and_its_end() {
        let e = link_email(LinkPurpose::Invite, "Dana", "dana@example.com", "https://x/set-password?token=t", "Jan 12");
        assert_eq!(e.subject, "You are invited to Switchboard");
        assert!(e.text.contains("Hello Dana") && e.text.contains("https://x/set-password?token=t"));
        assert!(e.text.contains("until Jan 12"));
        let r = link_email(LinkPurpose::Reset, "Dana", "dana@example.com", "u", "Jan 6");
        assert_eq!(r.subject, "Set a new Switchboard password");
    }
}
