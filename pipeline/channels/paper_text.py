"""The words of the paper quiz (``pipeline/channels/paper_quiz.py``), in the site's ``messages`` domain.

Marked with ``N_`` so that extraction (``babel.cfg``) puts them in
``locales/messages.pot``; translators find them in ``messages.po`` next to the
menus. Every number in them is a placeholder filled from the engine's data.
No formula uses letters: in Russian, Latin letters look like the Cyrillic
answer letters, so every quantity is named in words.
"""

from __future__ import annotations

from pipeline.content.ui_text import N_

# ---- the worksheet ---------------------------------------------------------------------------
CLIENT = N_("Client (initials or a nickname, if you like):")
DATE = N_("Date:")
WORKSHEET_INTRO = N_(
    "Think of one client and tick one box for each question. If you do not know, tick “%(unsure)s”. "
    "Nobody needs to see this sheet: it shows no points, you can score it yourself with the scoring sheet, "
    "or type its answer code into the quiz on a computer."
)
CODE_INTRO = N_(
    "After every five questions, write the letters you ticked in the boxes of the answer code, and their check "
    "number: the sum of the letters’ places (%(key)s). For example, %(letters)s gives %(sum)s."
)
CODE_GROUP = N_("Answer code, questions %(start)s–%(end)s")
CODE_CHECK = N_("check number")
CODE_HOW = N_(
    "To see the full result on a computer (verdict, reasons and action plan), open the quiz, choose "
    "“%(summary)s” and type %(version)s, then each group of letters with its check number."
)
WORKSHEET_END = N_("Done? Score the sheet yourself with the scoring sheet, or type its answer code into the quiz.")

# ---- the scoring sheet -----------------------------------------------------------------------
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
    "Each box is one area of the working relationship. For each question in a box, look for the letter ticked on "
    "the worksheet: if it is listed, write its number in the “Points” column, with its ★ if it has one; if it is "
    "not listed, that answer gives no points here, so leave the cell empty. If the answer is “%(unsure)s”, strike "
    "out the question’s number in the “Out of” column. Then fill in the lines under the box."
)
QUESTION = N_("Question")
POINTS_PER_ANSWER = N_("Points per answer (letters not listed: none)")
POINTS = N_("Points")
OUT_OF = N_("Out of")
WEIGHT = N_("weight %(weight)s")
TOTAL_POINTS = N_("Total of the “Points” column")
BIGGEST = N_("Biggest number in the “Points” column (0 if it is empty)")
OUT_OF_TOTAL = N_("Total of the “Out of” column")
TOTAL_OUT_OF = N_("Only if a number is struck out: that total minus the struck-out numbers")
RISK_TABLE = N_("%(area)s: first part of the risk for each total of the “Points” column (nothing struck out)")
RISK_TABLE_CORNER = N_("Total")

STEP_RISK = N_("Step 4. Risk per area")
RISK_RULE = N_(
    "For each box, find the first part of the risk. If nothing is struck out, it is in the box’s table (row: the "
    "tens of the “Points” total; column: the units). If something is struck out, it is in the ready reckoner, a "
    "separate sheet: take the block whose corner shows the box’s last line (the “Out of” total minus the "
    "struck-out numbers), then the row and the column in the same way. Add the second part for the box’s biggest "
    "number, from the row below, and write the sum in the area’s “Risk” cell in step 5. A box whose “Out of” "
    "numbers are all struck out does not count: write a dash."
)
SECOND_PART = N_("Second part of the risk")
BIGGEST_HEADER = N_("Biggest number")
ADD = N_("add")

STEP_SCORE = N_("Step 5. Weighted total")
SCORE_RULE = N_(
    "For each weight, add up the risks of its areas and multiply the sum by the weight; then add up the results: "
    "that is the weighted total. Then circle the highest risk."
)
GROUP_SUM = N_("Areas of weight %(weight)s: their risks added up, × %(weight)s")
AREA = N_("Area")
WEIGHT_HEADER = N_("Weight")
RISK = N_("Risk")
WEIGHTED_TOTAL = N_("Weighted total (the results above added up)")
HIGHEST_RISK = N_("Highest risk (the biggest number in the “Risk” column)")
HIGHEST_RISK_SHORT = N_("Highest risk")

STEP_VERDICT = N_("Step 6. Verdict")
VERDICT_RULE = N_(
    "Find the row of the highest risk and see in which column the weighted total falls: that is the verdict. "
    "A total between two columns is too close to call with rounded numbers: type the worksheet’s answer code "
    "into the quiz, or work out steps 4 and 5 again keeping every decimal (a calculator helps)."
)
VERDICT_NOT_ALL = N_(
    "If an area does not count (a dash in step 5), this table does not apply. Take %(all)s minus the weight of "
    "each area with a dash (that is the sum of the weights of the areas that count), multiply the weighted total "
    "by %(times)s and go on at the end of the ready reckoner, under “%(section)s”."
)
RECOUNT_RULE = N_(
    "To recount a close call, keep every decimal in steps 4 and 5, then work out %(mean)s × the weighted total ÷ "
    "the sum of the weights of the areas that count + %(top)s × the highest risk, rounded to a whole number "
    "(halves up): below %(care)s it is “%(healthy_band)s”, from %(care)s to %(care_to)s “%(care_band)s”, from "
    "%(walk)s “%(walk_band)s”."
)
UP_TO = N_("up to %(value)s")
OR_MORE = N_("%(value)s or more")
FLOOR_RULE = N_(
    "If the verdict is “%(healthy)s” but a number you copied in step 3 has a ★ (an answer worth %(points)s points "
    "or more on one area), the verdict is “%(floor)s”: one serious warning sign is enough to act on."
)
SCORING_END = N_(
    "The online quiz gives the same verdict for the same answers and adds the client types that match and an "
    "action plan with links to the guidance: type the worksheet’s answer code into it to see them."
)

# ---- the ready reckoner ----------------------------------------------------------------------
RECKONER_INTRO = N_(
    "The first part of an area’s risk when a question in its box is struck out: %(pooled)s × the total of "
    "“Points” ÷ the total of “Out of”, worked out and rounded to the nearest whole number (halves up). Each block "
    "is one “Out of” total, printed in bold in its corner; in the block, the row is the tens of the “Points” total "
    "and the column its units. For example, with %(points)s in “Points” and %(total)s in “Out of”: block "
    "%(total)s, row %(tens)s, column %(units)s gives %(value)s."
)
RECKONER_REUSE = N_(
    "This sheet is the same for everyone and nobody writes on it: one copy per table is enough, and it can be "
    "kept for the next workshop."
)
RECKONER_BLOCK = N_("“Out of” total %(total)s: first part of the risk by the tens and units of the “Points” total")

PARTIAL_HEADING = N_("Step 6 when an area does not count")
PARTIAL_RULE = N_(
    "For a scoring sheet with a dash in step 5. A highest risk below %(lowest)s gives “%(healthy)s”. Otherwise, "
    "in the first table, take the row of the highest risk and the column of the sum of the weights of the areas "
    "that count, and add the number you find to %(times)s × the weighted total. In the second table, in the row "
    "of the same sum of weights, see in which column the result falls: that is the verdict of step 6. A result "
    "between two columns is too close to call, as in step 6."
)
WEIGHTS_LEFT = N_("Sum of the weights of the areas that count")
PARTIAL_TABLE = N_("Number to add, by highest risk and sum of the weights of the areas that count")
PARTIAL_VERDICTS = N_("Verdict by the sum of the weights of the areas that count")
