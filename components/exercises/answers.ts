/**
 * "Download my answers": the student's answers file for an assignment, built
 * by src/lib/exercises/gradebook.ts from this browser's progress records. The
 * gradebook module (with the grader) loads only when the button is pressed.
 */
import type { AssignmentSpec } from "../../src/lib/exercises/assignment";
import { allRecords } from "./store";

export type AnswersDownload = { ok: true; json: string; fileName: string; summary: string } | { ok: false; message: string };

export async function answersDownload(spec: AssignmentSpec, studentId: string): Promise<AnswersDownload> {
  if (studentId.trim() === "") return { ok: false, message: "Enter your student id first: the answers file is made out in your name." };
  const { answersFileName, buildAnswersFile } = await import("../../src/lib/exercises/gradebook");
  const json = buildAnswersFile(spec, studentId, allRecords());
  const answers = (JSON.parse(json) as { answers: { correct: boolean }[] }).answers;
  const solved = answers.filter((answer) => answer.correct).length;
  const summary = `${answers.length} of ${spec.exercises.length} exercise${spec.exercises.length === 1 ? "" : "s"} answered, ${solved} correct`;
  return { ok: true, json, fileName: answersFileName(spec, studentId), summary };
}
