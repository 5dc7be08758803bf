"""What each line of a phone script means, in the reader's language (`tracker call`).

The lines themselves are Spanish, said to the operator (tracker.exchange.phone_script); each
has a key, and its meaning here is a catalog message filled with the same facts. The
agent's possible answers have a meaning and, where it helps, what to do next.
"""

from __future__ import annotations

from collections.abc import Mapping

from tracker.i18n import N_, _
from tracker.wording.letter_meanings import worded_fact

MEANINGS: dict[str, str] = {
    # What you say.
    "call.greet_named": N_("Good morning. My name is {name} and I am the holder of the service {service}."),
    "call.greet": N_("Good morning. I am the holder of the service {service}."),
    "call.ask_baja": N_("I want to ask for the baja (cancellation) of the service."),
    "call.ask_suspension": N_(
        "I want to ask for the temporary suspension of the service from {effective} to {ends}."
    ),
    "call.no_reason": N_("I do not wish to give a reason: the baja is my right and needs no reason."),
    "call.ask_when_done": N_(
        "On what date will it be carried out? The longest it may take is {period}, that is by {due} at the "
        "latest."
    ),
    "call.decline": N_("Thank you, but I am not interested in any offer. I want to go on with the baja."),
    "call.register_now": N_("Please register my baja request now."),
    "call.ask_code": N_("Can you give me the código de pedido (the reference code) of my request, please?"),
    "call.repeat_code": N_(
        "Let me repeat the código de pedido to confirm: {code}, letter by letter. Is it right?"
    ),
    "call.repeat_code_blank": N_(
        "Let me repeat the código de pedido to confirm: say back each letter and digit you wrote down. Is "
        "it right?"
    ),
    "call.agent_name": N_("May I have your name, please? (Write down the agent's name and the time.)"),
    "call.ask_status": N_(
        "I am calling about the status of my request for {action} of {requested}, código de pedido {code}."
    ),
    "call.ask_status_no_code": N_(
        "I am calling about the status of my request for {action} of {requested}; I was given no código de "
        "pedido."
    ),
    "call.done_yet": N_("Has {action} been carried out? On what date?"),
    "call.file_reclamo": N_(
        "I want to file a reclamo (complaint): {action}, asked for on {requested}, had to be carried out by "
        "{due} and has not been."
    ),
    "call.reclamo_filed": N_("I filed a reclamo on {filed} about my request for {action}."),
    "call.ask_reclamo_code": N_(
        "Can you give me the código de reclamo (the reclamo's reference code), please?"
    ),
    "call.repeat_reclamo_code": N_(
        "Let me repeat the código de reclamo to confirm: {code}, letter by letter. Is it right?"
    ),
    "call.repeat_reclamo_code_blank": N_(
        "Let me repeat the código de reclamo to confirm: say back each letter and digit you wrote down. Is "
        "it right?"
    ),
    "call.answer_due": N_(
        "On what date will I be notified of the resolution of my reclamo? By the rules, by {due} at the "
        "latest."
    ),
    "call.answer_due_unknown": N_(
        "Within what time will you decide my reclamo, and how will you notify me of the resolution?"
    ),
    # What the agent may say, and what it means for you.
    "agent.ask_id": N_("Your identity document number, please."),
    "agent.ask_id_yours": N_("Your identity document number, please. (Yours: {document}.)"),
    "agent.why": N_(
        "Why do you want to cancel? You need not give a reason: say you do not wish to give one."
    ),
    "agent.registered": N_("Your request has been registered. Now ask for the código de pedido."),
    "agent.go_to_store": N_(
        "You must go to a store. Ask them to register the request on this call; if they refuse, write down "
        "the agent's name and the time."
    ),
    "agent.debt": N_(
        "You have a debt outstanding. A debt does not hold back the baja; the debt itself stays owed."
    ),
    "agent.discount": N_(
        "We offer you a discount on your plan: a retention offer. Decline it to keep the baja."
    ),
    "agent.cheaper_plan": N_(
        "We can move you to a cheaper plan: a retention offer. Decline it to keep the baja."
    ),
    "agent.lose_number": N_(
        "Are you sure? You will lose your number. (To keep the number, port it to another operator before "
        "the baja.)"
    ),
    "agent.code_is": N_("The code of your request is…: write it down, then repeat it back digit by digit."),
    "agent.no_code": N_(
        "I have no code to give you. The operator must give a código de pedido for every request: insist, "
        "and "
        "write down the agent's name and the time."
    ),
    "agent.sms": N_("A text message with the code will reach you. Ask for the code now all the same."),
    "agent.in_progress": N_("Your request is being processed. Ask on what date it will be carried out."),
    "agent.done": N_(
        "The operator says {action} has been carried out. Ask the date, then check for yourself (calls, "
        "balance)."
    ),
    "agent.no_request": N_(
        "There is no request on record. Give the date and the código; if there is none, ask them to register "
        "it now."
    ),
    "agent.system_down": N_("The system is not available; call later. Write down the time of this call."),
    "agent.reclamo_registered": N_(
        "Your reclamo has been registered with the code…: write it down and repeat it back."
    ),
    "agent.wait": N_(
        "You must first wait for the baja to be carried out. Its deadline has passed: you may file the "
        "reclamo now."
    ),
    "agent.no_reclamo_by_phone": N_(
        "Reclamos are only filed in a store. A reclamo may also be filed by phone: ask them to register it "
        "on "
        "this call."
    ),
    "agent.days_to_resolve": N_(
        "We have a number of business days to decide your reclamo. Compare it with the date above."
    ),
    "agent.by_email": N_("We will notify you of the resolution by e-mail. Check they have your address."),
}

PART_TITLES = {
    "introduce": N_("Introduce yourself"),
    "ask_baja": N_("Ask for the baja"),
    "decline_retention": N_("Decline a retention offer"),
    "ask_code": N_("Ask for the código de pedido and repeat it back"),
    "ask_status": N_("Ask the status"),
    "ask_reclamo_code": N_("Ask for the código de reclamo"),
    "ask_answer_due": N_("Ask when the answer is due"),
}

SITUATIONS = {
    "to_request": N_("The baja is asked for on this call: no código de pedido yet."),
    "no_code": N_("The baja was asked for, but no código de pedido was given."),
    "waiting": N_("Waiting for the operator: its deadline has not passed."),
    "overdue": N_("The operator's deadline has passed: ask the status, then file a reclamo."),
    "reclamo_open": N_("A reclamo is filed: ask for its código and when the answer is due."),
    "answered": N_(
        "The reclamo was answered, but the baja is still not carried out: ask the status; your next "
        "step is in writing (see the case's next step)."
    ),
    "settled": N_("Nothing is pending from the operator: ask the status if in doubt."),
}


def meaning(key: str, facts: Mapping[str, object]) -> str:
    """What the line ``key`` says, in the reader's language, filled with its facts."""
    words = {name: worded_fact(value) for name, value in facts.items()}
    return _(MEANINGS[key]).format(**words)


def part_title(part: str) -> str:
    return _(PART_TITLES[part])


def situation_words(situation: str) -> str:
    return _(SITUATIONS[situation])
