"""The audit log: one entry for every command the bus carried out: who, what, when, through
which channel. Pure; sync/audited_bus.py writes the entries to `ops`.

Who acts is named differently by each command, so ACTOR_FIELDS says it for each, explicitly:
a command missing from it fails a unit test rather than leave a hole in the log."""
from dataclasses import fields, is_dataclass
from datetime import date, datetime, time, timezone

from core import (
    admin_commands, casting_commands, commands, contract_commands, dailies_commands, dailies_subtitles,
    discovery_commands,
    failed_job_commands, kyc_commands, media_derivatives, reminder_commands,
    offer_commands,
    escrow_commands, escrow_dispute_commands, fx_commands, refund_commands, staff_chat_commands, chat_commands, call_sheet_send, investment_commands, payout_commands, profile_commands, reputation_commands, shoot_commands,
    transcript_commands,
)
from core.commands import Command
from core.identity import commands as identity_commands

CHANNELS = ("chat", "app", "system")
ENTRY_PREFIX = "audit:"
PSEUDONYM_PREFIX = "former:"

# Command class -> the field naming the person who asked; None: nobody signed in asked
# (a sign-in, a provider's callback). RegisterPerson's actor is the person it made (its ref).
ACTOR_FIELDS: dict[type[Command], str | None] = {
    commands.RegisterPerson: None,
    commands.TakeOnRole: "person_id",
    commands.CreateProject: "producer_id",
    commands.PostJob: "posted_by",
    commands.ApplyForJob: "person_id",
    commands.Hire: "hired_by",
    commands.ConfirmCallTime: "person_id",
    commands.CheckIn: "person_id",
    commands.GrantProjectRole: "granted_by",
    commands.RevokeProjectRole: "revoked_by",
    offer_commands.Shortlist: "by",
    offer_commands.InviteToAudition: "by",
    offer_commands.DeclineApplication: "by",
    offer_commands.WithdrawApplication: "person_id",
    offer_commands.MakeOffer: "by",
    offer_commands.AcceptOffer: "person_id",
    offer_commands.DeclineOffer: "person_id",
    reputation_commands.ReviewBooking: "reviewer_id",
    reputation_commands.FlagDispute: "by",
    profile_commands.UpdateProfile: "person_id",
    profile_commands.SetAvailability: "person_id",
    identity_commands.RequestSignInCode: None,
    identity_commands.VerifySignInCode: None,
    identity_commands.SignInWithPassword: None,
    identity_commands.SetPassword: "person_id",
    identity_commands.EnrolTotp: "person_id",
    identity_commands.ConfirmTotp: "person_id",
    identity_commands.RevokeSession: "person_id",
    identity_commands.EnableSmsTwoFactor: "person_id",
    identity_commands.DisableSmsTwoFactor: "person_id",
    kyc_commands.SubmitKyc: "person_id",
    kyc_commands.RecordKycResult: None,
    kyc_commands.RecordKycSubmitted: None,
    kyc_commands.VerifyByHand: "admin_id",
    admin_commands.ReportContent: "reporter_id",
    admin_commands.SuspendPerson: "admin_id",
    admin_commands.RestorePerson: "admin_id",
    admin_commands.ExportMyData: "person_id",
    admin_commands.EraseMyAccount: "person_id",
    casting_commands.PostCastingCall: "posted_by",
    casting_commands.ApplyToCastingCall: "person_id",
    casting_commands.OpenAuditionSlots: "by",
    casting_commands.BookAuditionSlot: "person_id",
    casting_commands.RescheduleAudition: "person_id",
    casting_commands.CancelAudition: "person_id",
    contract_commands.DraftContract: "by",
    contract_commands.RequestSigningCode: "person_id",
    contract_commands.SignContract: "signer_id",
    discovery_commands.ReviewDecision: "by",
    discovery_commands.RemoveFromShortlist: "by",
    discovery_commands.SaveTeamTemplate: "owner_id",
    discovery_commands.UseTeamTemplate: "by",
    shoot_commands.AddScriptVersion: "by",
    shoot_commands.RecordBreakdown: None,
    shoot_commands.CorrectBreakdown: "by",
    shoot_commands.SetShootPlan: "by",
    shoot_commands.RequestSchedule: "by",
    shoot_commands.RecordScheduleDraft: None,
    shoot_commands.PublishSchedule: "by",
    shoot_commands.CheckOut: "person_id",
    shoot_commands.ReportWrap: "by",
    escrow_commands.RequestDeposit: "by",
    escrow_commands.RecordCheckout: None,
    escrow_commands.ConfirmPayment: None,
    escrow_commands.ReleaseEscrow: "by",
    escrow_commands.SetBudget: "by",
    escrow_dispute_commands.DisputeEscrow: "by",
    escrow_dispute_commands.ResolveEscrowDispute: "admin_id",
    escrow_dispute_commands.CancelBookingEscrow: "by",
    refund_commands.RefundToCard: "by",
    investment_commands.PledgeContribution: "investor_id",
    **staff_chat_commands.STAFF_ACTOR_FIELDS,
    **call_sheet_send.CALL_SHEET_ACTOR_FIELDS,
    transcript_commands.AttachTranscript: None,  # the media worker's answer; nobody signed in asked
    media_derivatives.AttachDerivedMedia: None,  # the media worker's copies of a self-tape
    dailies_commands.UploadDailies: "by",
    dailies_commands.CommentOnDailies: "person_id",
    dailies_commands.InviteDailiesReviewer: "by",
    dailies_commands.RemoveDailiesReviewer: "by",
    dailies_subtitles.AttachDailiesSubtitles: None,  # the media worker's answer about a take; nobody signed in asked
    **failed_job_commands.FAILED_JOB_ACTOR_FIELDS,
    **reminder_commands.REMINDER_ACTOR_FIELDS,
    chat_commands.RecordChatConsent: "person_id",
    chat_commands.SetChatOptOut: "person_id",
    chat_commands.ReportRunningLate: "person_id",
    investment_commands.RecordPledgeCheckout: None,
    refund_commands.RecordCardRefund: None,
    escrow_dispute_commands.ReleaseDueEscrow: None,
    fx_commands.RecordFxRate: "admin_id",
    fx_commands.ConvertWallet: "by",
    investment_commands.SetInvestmentTerms: "by",
    investment_commands.RecordContribution: "by",
    investment_commands.RecordRevenue: "by",
    payout_commands.SetPayoutAccount: "person_id",
    payout_commands.RecordPayoutAccount: None,
    payout_commands.RequestPayout: "person_id",
    payout_commands.RecordPayout: None,
}
ACTOR_IS_REF = {commands.RegisterPerson}

# Never written to the log: secrets, and contact details and ID numbers, which erasure (it
# finds entries by person id) could not find to remove.
DENIED_FIELDS = frozenset({
    "password", "code", "totp", "set_code", "token", "secret", "session_id",
    "phone", "email", "id_number", "position", "account_number", "account_name",
})
# Their ref is a session token or a TOTP secret.
SECRET_REFS = {identity_commands.VerifySignInCode, identity_commands.SignInWithPassword, identity_commands.EnrolTotp}
# Fields that hold a person id: erasure replaces these with the pseudonym.
PERSON_FIELDS = frozenset({field for field in ACTOR_FIELDS.values() if field} | {"person_id"})


def audit_entry(command: Command, ref: str | None, at: datetime, channel: str) -> dict:
    """The log entry of one command the bus carried out (no _id: the writer picks it)."""
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if at.tzinfo is None:
        raise ValueError("audit times are aware")
    kind = type(command)
    if kind not in ACTOR_FIELDS:
        raise KeyError(f"{kind.__name__} has no entry in core.audit.ACTOR_FIELDS")
    what = {name: _plain(value) for name, value in _fields_of(command).items() if name not in DENIED_FIELDS}
    kept_ref = None if kind in SECRET_REFS else ref
    actor_field = ACTOR_FIELDS[kind]
    who = kept_ref if kind in ACTOR_IS_REF else (getattr(command, actor_field) if actor_field else None)
    named = {value for name, value in what.items() if name in PERSON_FIELDS and value} | ({who} - {None})
    if what.get("target_kind") == "person":  # a report about a person names them too
        named.add(what["target_id"])
    people = sorted(named)
    return {
        "type": "audit",
        "who": who,
        "command": kind.__name__,
        "what": what,
        "ref": kept_ref,
        "people": people,  # whom the entry names, so an export or an erasure can find it
        "at": at.astimezone(timezone.utc).isoformat(),
        "channel": channel,
    }


def pseudonymised(entry: dict, person_id: str, pseudonym: str) -> dict:
    """The entry with the person replaced by their pseudonym and free text about them gone:
    only ids and the command's name stay."""
    def swap(value):
        return pseudonym if value == person_id else value

    what = {
        name: swap(value) for name, value in entry.get("what", {}).items()
        if name in PERSON_FIELDS or name.endswith("_id")
    }
    return {
        **entry,
        "who": swap(entry.get("who")),
        "ref": swap(entry.get("ref")),
        "what": what,
        "people": sorted(swap(person) for person in entry.get("people", [])),
        "pseudonymised": True,
    }


def _fields_of(command: Command) -> dict:
    return {field.name: getattr(command, field.name) for field in fields(command)} if is_dataclass(command) else {}


def _plain(value):
    """JSON-safe: dates as ISO text, tuples as lists, money and other dataclasses as dicts."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {
            key.isoformat() if isinstance(key, date) else str(key): _plain(item)
            for key, item in value.items() if key not in DENIED_FIELDS
        }
    if is_dataclass(value):
        return {field.name: _plain(getattr(value, field.name)) for field in fields(value)}
    return value
