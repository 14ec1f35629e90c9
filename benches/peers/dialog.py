"""The dialog every peer bot implements, the shape Krok's shipped dialog has: a menu, a
sub-menu, a step with options, a question typed in words, and an answer; texts synthetic, of the
length Krok's are (300-600 characters). Used by aiogram_bot.py and ptb_bot.py."""

FILL = (
    "Це текст кроку, довгий приблизно як справжній: кому допомагає служба, де вона, коли "
    "працює і як туди зателефонувати. Тут же кілька слів про те, що взяти з собою. "
)

MENU = "Головне меню. Оберіть, з чим потрібна допомога. " + FILL * 3
SUB = "Підменю. Уточніть, будь ласка, що саме потрібно. " + FILL * 3
LEAF = "Крок із варіантами. Оберіть один із них. " + FILL * 2
ASK = "Напишіть кількома словами, що сталося, і я підкажу, куди звернутися. " + FILL
DONE = "Дякую. Ось служби, які можуть допомогти, з телефонами та годинами роботи. " + FILL * 4

# (state, text, buttons): pressing a button of a state leads to the next state.
STEPS = {
    "menu": (MENU, [("Житло", "m:1"), ("Робота", "m:2"), ("Документи", "m:3"), ("Здоров'я", "m:4")]),
    "sub": (SUB, [("Перше", "s:1"), ("Друге", "s:2"), ("Третє", "s:3"), ("Назад", "s:0")]),
    "leaf": (LEAF, [("Так", "l:1"), ("Ні", "l:2"), ("Назад", "l:0")]),
}
NEXT = {"m": "sub", "s": "leaf", "l": "ask"}
