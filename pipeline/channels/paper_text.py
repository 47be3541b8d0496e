"""The words of the paper quiz (``pipeline/channels/paper_quiz.py``), in the site's ``messages`` domain.

Marked with ``N_`` so that extraction (``babel.cfg``) puts them in
``locales/messages.pot``; translators find them in ``messages.po`` next to the
menus. Every number in them is a placeholder filled from the engine's data.
"""

from __future__ import annotations

from pipeline.content.ui_text import N_

CLIENT = N_("Client:")
DATE = N_("Date:")
WORKSHEET_INTRO = N_(
    "Think of one client and tick one box for each question. If you do not know, tick “%(unsure)s”. "
    "This sheet shows no points: the person scoring it uses the scoring sheet."
)
WORKSHEET_END = N_("Done? Hand the sheet to whoever scores it, or score it yourself with the scoring sheet.")

SCORING_INTRO = N_(
    "Use this sheet with a filled-in worksheet. Every point, table and rule on it is printed from the online "
    "quiz itself, so the verdict is the one the quiz gives for the same answers."
)
STEP_DEALBREAKERS = N_("Step 1. Dealbreakers")
DEALBREAKERS_RULE = N_(
    "If a row below matches the worksheet, the verdict is “%(band)s” whatever the points: note every row that "
    "matches and stop here."
)
DEALBREAKER = N_("Dealbreaker")
SET_BY = N_("Set by these answers")
QUESTION_ANSWERS = N_("question %(number)s: %(letters)s")
AND = N_("and")
OR = N_("or")

STEP_UNSURE = N_("Step 2. “Not sure” answers")
UNSURE_RULE = N_(
    "Count the questions ticked “%(unsure)s”. With %(limit)s or more, the verdict is “%(band)s”: find out more "
    "about the client and stop here."
)

STEP_POINTS = N_("Step 3. Points per area")
POINTS_RULE = N_(
    "Each box is one area of the working relationship. For each question in a box, write in the “Points” column "
    "the points of the answer ticked on the worksheet. If that answer is “%(unsure)s”, write nothing and strike "
    "out the question’s “Out of” number. A ★ marks a serious warning sign."
)
QUESTION = N_("Question")
POINTS_PER_ANSWER = N_("Points per answer")
POINTS = N_("Points")
OUT_OF = N_("Out of")
WEIGHT = N_("weight %(weight)s")
TOTAL_POINTS = N_("Total points (P)")
TOTAL_OUT_OF = N_("Total out of, without the struck-out numbers (M)")
HIGHEST = N_("Highest points in the box (H)")
RISK_TABLE = N_("%(area)s: %(pooled)s × P ÷ %(total)s, when nothing is struck out")
RISK_TABLE_CORNER = N_("P")

STEP_RISK = N_("Step 4. Risk per area")
RISK_RULE = N_(
    "For each box: when nothing is struck out, read the risk for P in the box’s table; otherwise work out "
    "%(pooled)s × P ÷ M and round it to two decimals. Then add %(worst)s × H. A box whose “Out of” numbers are "
    "all struck out does not count."
)

STEP_SCORE = N_("Step 5. Score")
SCORE_RULE = N_(
    "Multiply each counted area’s risk by its weight and add the results: that is A. Add up the weights of the "
    "counted areas: that is B (%(all)s when every area counts). T is the highest area risk. "
    "Score = %(mean)s × A ÷ B + %(top)s × T, rounded to two decimals."
)
AREA = N_("Area")
WEIGHT_HEADER = N_("Weight")
RISK = N_("Risk")
WEIGHT_TIMES_RISK = N_("Weight × risk")
SUM_A = N_("A (sum)")
SUM_B = N_("B (weights counted)")
CLOSE_CALL = N_(
    "If the score is within %(margin)s of %(lines)s, the rounded numbers cannot settle it: work out steps 4 "
    "and 5 again keeping every decimal (a calculator helps), or enter the answers in the quiz on a computer."
)

STEP_VERDICT = N_("Step 6. Verdict")
VERDICT_RULE = N_("Round the score to a whole number (a half goes up) and find its row.")
SCORE = N_("Score")
VERDICT = N_("Verdict")
FLOOR_RULE = N_(
    "If the verdict is “%(healthy)s” but you wrote a ★ in step 3 (an answer worth %(points)s points or more on "
    "one area), the verdict is “%(floor)s”: one serious warning sign is enough to act on."
)
SCORING_END = N_(
    "The online quiz gives the same verdict for the same answers and adds the client types that match and an "
    "action plan with links to the guidance."
)
