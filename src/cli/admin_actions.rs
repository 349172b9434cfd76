//! The command line's entries in the operators' audit of admin actions: every command that
//! changes state is recorded once it succeeded (source `cli`), named after its subcommands
//! (`tenant.two_factor`, `portal_domain.verify`, `user.set_password`). Commands are recorded
//! unless they only read (listing, showing), so a new command is audited without a line here.
//! `revoke-sessions` records its own row, with the count.

use clap::parser::ValueSource;
use clap::ArgMatches;
use portal_actors::admin::actions::{record_admin_action, ActionSource, AdminAction};
use portal_actors::SharedClock;
use serde_json::Value;

use crate::config::Settings;

/// Arguments naming what a command acts on, most specific first.
const TARGET_ARGS: [&str; 4] = ["email", "domain", "provider", "tenant"];
/// Branding's arguments that change something (without them it shows the branding).
const BRANDING_CHANGES: [&str; 6] = [
    "primary",
    "accent",
    "logo_light",
    "logo_dark",
    "favicon",
    "remove",
];

/// A state-changing command about to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliAction {
    pub action: String,
    pub target: Option<String>,
    /// The tenant as given (id or slug).
    pub tenant: Option<String>,
}

/// Whether `name` was given on the command line (not a default).
fn given(matches: &ArgMatches, name: &str) -> bool {
    matches.ids().any(|id| id.as_str() == name)
        && matches.value_source(name) == Some(ValueSource::CommandLine)
}

fn text(matches: &ArgMatches, name: &str) -> Option<String> {
    matches.try_get_one::<String>(name).ok().flatten().cloned()
}

/// Whether the command (its subcommand names, and its own arguments) only reads.
fn only_reads(path: &[&str], leaf: &ArgMatches) -> bool {
    match path {
        [] | ["serve"] | ["demo"] => true,
        [.., "list"] => true,
        ["tenant", "role"] => !given(leaf, "set"),
        ["tenant", "branding"] => !BRANDING_CHANGES.iter().any(|a| given(leaf, a)),
        ["portal-domain", "sessions", "prune"] => given(leaf, "dry_run"),
        // Records its own row, with the count.
        [_, "revoke-sessions"] => true,
        _ => false,
    }
}

impl CliAction {
    /// The action the parsed command line is, or `None` when it only reads.
    pub fn of(matches: &ArgMatches) -> Option<CliAction> {
        let mut path = Vec::new();
        let mut leaf = matches;
        while let Some((name, sub)) = leaf.subcommand() {
            path.push(name);
            leaf = sub;
        }
        if only_reads(&path, leaf) {
            return None;
        }
        let action = path
            .iter()
            .map(|p| p.replace('-', "_"))
            .collect::<Vec<_>>()
            .join(".");
        Some(CliAction {
            action,
            target: TARGET_ARGS.iter().find_map(|a| text(leaf, a)),
            tenant: text(leaf, "tenant"),
        })
    }
}

/// Records `action` with what it did (`details`), as done from the command line.
pub async fn record(
    db: &portal_actors::Db,
    clock: &SharedClock,
    action: CliAction,
    details: Value,
) -> anyhow::Result<()> {
    let tenant = match &action.tenant {
        Some(key) => portal_actors::admin::tenants::find_tenant(db, key)
            .await?
            .map(|t| t.id),
        None => None,
    };
    let entry = AdminAction {
        action: action.action,
        target: action.target,
        tenant,
        source: ActionSource::Cli,
        outcome: "ok",
        details,
    };
    record_admin_action(db, clock.now(), entry).await?;
    Ok(())
}

/// After a command: records it when it changed state and succeeded. A record that cannot be
/// written is reported on standard error; the command's own result stands.
pub fn after_command(config: &std::path::Path, action: Option<CliAction>, succeeded: bool) {
    let Some(action) = action.filter(|_| succeeded) else {
        return;
    };
    let written = crate::cli::block_on(async {
        let settings = Settings::load(config)?;
        let db = crate::cli::open_db(&settings).await?;
        record(&db, &SharedClock::system(), action, Value::Null).await
    });
    if let Err(e) = written {
        eprintln!("warning: the change was made but could not be recorded in admin actions: {e:#}");
    }
}
