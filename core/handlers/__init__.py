"""The registry: which handler serves each command and event. Explicit, never looked up by name."""
from core import casting_commands, commands, events, offer_commands, profile_commands, reputation_commands
from core.handlers import (
    applications, auditions, availability, casting, contracts, discovery, hiring, identity, identity_account, kyc,
    moderation, notifications, offers, people, privacy, profiles, projects, reputation, shoot_day, team,
)
from core.kyc_events import KycSubmitted
from core.identity import commands as identity_commands

COMMAND_HANDLERS = {
    commands.RegisterPerson: people.register_person,
    commands.TakeOnRole: people.take_on_role,
    commands.CreateProject: projects.create_project,
    commands.PostJob: hiring.post_job,
    commands.ApplyForJob: hiring.apply_for_job,
    commands.Hire: hiring.hire,
    commands.ConfirmCallTime: shoot_day.confirm_call_time,
    commands.CheckIn: shoot_day.check_in,
    commands.GrantProjectRole: team.grant_project_role,
    commands.RevokeProjectRole: team.revoke_project_role,
    offer_commands.Shortlist: applications.shortlist,
    offer_commands.InviteToAudition: applications.invite_to_audition,
    offer_commands.DeclineApplication: applications.decline_application,
    offer_commands.WithdrawApplication: applications.withdraw_application,
    offer_commands.MakeOffer: offers.make_offer,
    offer_commands.AcceptOffer: offers.accept_offer,
    offer_commands.DeclineOffer: offers.decline_offer,
    reputation_commands.ReviewBooking: reputation.review_booking,
    reputation_commands.FlagDispute: reputation.flag_dispute,
    profile_commands.UpdateProfile: profiles.update_profile,
    profile_commands.SetAvailability: availability.set_availability,
    identity_commands.RequestSignInCode: identity.request_sign_in_code,
    identity_commands.VerifySignInCode: identity.verify_sign_in_code,
    identity_commands.SignInWithPassword: identity.sign_in_with_password,
    identity_commands.SetPassword: identity_account.set_password,
    identity_commands.EnrolTotp: identity_account.enrol_totp,
    identity_commands.ConfirmTotp: identity_account.confirm_totp,
    identity_commands.RevokeSession: identity_account.revoke_session,
    identity_commands.EnableSmsTwoFactor: identity_account.enable_sms_two_factor,
    identity_commands.DisableSmsTwoFactor: identity_account.disable_sms_two_factor,
    casting_commands.PostCastingCall: casting.post_casting_call,
    casting_commands.ApplyToCastingCall: casting.apply_to_casting_call,
    casting_commands.OpenAuditionSlots: auditions.open_audition_slots,
    casting_commands.BookAuditionSlot: auditions.book_audition_slot,
    casting_commands.RescheduleAudition: auditions.reschedule_audition,
    casting_commands.CancelAudition: auditions.cancel_audition,
    **kyc.KYC_HANDLERS,
    **contracts.CONTRACT_HANDLERS,
    **moderation.MODERATION_HANDLERS,
    **privacy.PRIVACY_HANDLERS,
    **discovery.DISCOVERY_HANDLERS,
}

EVENT_HANDLERS = {
    events.ApplicationReceived: [notifications.tell_applicant],
    events.BookingMade: [notifications.ask_to_confirm_booking],
    events.CallTimeAnswered: [notifications.acknowledge_answer],
    events.CheckedIn: [notifications.acknowledge_check_in],
    KycSubmitted: [kyc.send_check],
}
