# Answers of the built-in safety layer (docs/safety.md). The emergency number always comes
# first. `sportello flows check` refuses a text that loses one of its numbers (112, and for
# some kinds 1522, 114 or 02 2327 2327).

safety-other-language = In the language of your message:

safety-selfharm =
    If you are in danger now, call 112 immediately.
    If you are thinking of hurting yourself, please do not stay alone with this thought: you can talk to someone right now. Telefono Amico Italia answers on 02 2327 2327, anonymously. You can also call 112 at any time.
    If you can, contact someone you trust now and ask them to stay with you.

safety-medical =
    Call 112 immediately and ask for an ambulance: the call is free, also from a mobile phone without credit.
    Say where you are, what happened and whether the person is breathing and conscious. Stay with the person, do not move them if they have fallen, and follow the instructions of the 112 operator.

safety-violence =
    If you are in danger now, call 112 immediately. If you cannot speak, stay on the line: the operator can still help you.
    1522, the free anti-violence and anti-stalking number, answers 24 hours a day, also anonymously, and puts you in touch with the nearest anti-violence centre.

safety-child =
    If a child is in danger now, call 112 immediately.
    114 Emergenza Infanzia, free of charge, answers 24 hours a day for children and young people in danger.
    If the child is alone or lost, stay with them in a safe place until help arrives.

safety-fire =
    Call 112 immediately for the Fire Brigade.
    Move away from the fire and the smoke, close the doors behind you, do not use the lift and do not go back in for your belongings.

safety-gas =
    Call 112 immediately.
    Do not switch on lights or switches and do not use flames, open doors and windows, turn off the gas tap if you can do so safely and leave the building. From outside you can also call the gas distributor's emergency service, shown on your bill.

safety-collapse =
    Call 112 immediately.
    Move away from the building or the collapsed area, do not use the lift and do not go back in until the Fire Brigade allows it. If someone is trapped, tell 112 where they are.

safety-flood =
    If you or other people are in danger, call 112 immediately.
    Go to the upper floors, switch off the electricity if you can do so without touching the water, do not go down to the cellar or garage and do not cross flooded roads or underpasses.

safety-accident =
    Call 112 immediately and say where the accident happened and how many people are injured.
    Do not move the injured unless they are in immediate danger, warn other vehicles and follow the operator's instructions.

safety-intrusion =
    Call 112 immediately.
    Do not confront whoever has come in: lock yourself in a safe room or get away, and stay on the line with the operator.

safety-help =
    If you or someone else is in danger, call 112 immediately: it is free and answers 24 hours a day.
    If you need information instead, choose a topic below or write your question.

# One line said first when a danger is only possible (the message may describe an emergency,
# but it is not certain): the usual answer follows.
safety-possible = If you or someone else is in danger now, call 112 immediately: it is free and answers 24 hours a day.
safety-possible-selfharm = If you are thinking of hurting yourself or are in danger now, call 112 immediately, or Telefono Amico Italia on 02 2327 2327: please do not stay alone with this thought.
safety-possible-violence = If you or someone else is in danger now, call 112 immediately. 1522, the anti-violence and anti-stalking line, answers 24 hours a day, anonymously if you wish.
safety-possible-child = If a child is in danger now, call 112 immediately. 114 Emergenza Infanzia answers 24 hours a day.
