# Main menu (flows/menu.yaml)

menu-title = Main menu

menu-welcome =
    I am the digital assistant of the Comune di Esempio (the municipality of Esempio).
    I can give you information about municipal services, deadlines and emergency numbers, or pass your request to an operator.
    Write your question, for example "when is the waste tax due?", or choose a topic.
    In an emergency, call 112 straight away.

menu-thanks = You are welcome. If you need anything else, write your question or choose a topic from the main menu.
