//! What the MSP's PSA sees of a contact's portal access (`GET
//! /integration/v1/contacts/{id}/invitation`): whether a portal user exists, two-factor, last
//! sign-in, a pending invitation, and whether the contact (or their company or user) is inactive.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::invitations::{AccountState, Invitee};

/// A contact's portal access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortalAccess {
    /// A portal user exists for the contact (signing in with a password or single sign-on).
    pub has_account: bool,
    /// The user has set a password (an invitation can still be sent while they have not).
    pub has_password: bool,
    pub two_factor_enabled: bool,
    pub last_sign_in_at: Option<DateTime<Utc>>,
    pub invitation: InvitationState,
    /// The contact, their company or their portal user is inactive (no sign-in, no invitation).
    pub inactive: bool,
}

/// The contact's latest invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvitationState {
    /// An unused, unexpired link exists.
    pub pending: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
}

impl PortalAccess {
    /// From the contact as invitations see them and their user's state (if they have one).
    pub fn of(invitee: &Invitee, account: Option<&AccountState>) -> PortalAccess {
        PortalAccess {
            has_account: invitee.user_id.is_some() && account.is_some(),
            has_password: invitee.has_account(),
            two_factor_enabled: account.is_some_and(|a| a.two_factor_enabled),
            last_sign_in_at: account.and_then(|a| a.last_sign_in_at),
            invitation: InvitationState {
                pending: invitee.invitation_expires_at.is_some(),
                expires_at: invitee.invitation_expires_at,
            },
            inactive: invitee.contact_inactive
                || invitee.client_inactive
                || account.is_some_and(|a| a.is_inactive),
        }
    }
}
