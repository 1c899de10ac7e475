/**
 * The assignment an exercise belongs to: "book" on the chapter pages, or the
 * instructor's spec read from the assignment page's link (`?a=`).
 */
import { ASSIGNMENT_QUERY_KEY, decodeAssignment, type AssignmentSpec, type SolutionsPolicy } from "../../src/lib/exercises/assignment";

export interface AssignmentContext {
  id: string;
  solutions: SolutionsPolicy;
  /** "YYYY-MM-DD"; the due day ends at midnight, local time. */
  due?: string;
  title?: string;
}

/** The assignment in this page's link, or `undefined` when there is none or it is damaged (the page says why). */
export function assignmentFromLocation(search = window.location.search): AssignmentContext | undefined {
  const value = new URLSearchParams(search).get(ASSIGNMENT_QUERY_KEY);
  if (!value) return undefined;
  const decoded = decodeAssignment(value);
  return decoded.ok ? contextOf(decoded.spec) : undefined;
}

export function contextOf(spec: AssignmentSpec): AssignmentContext {
  return { id: spec.id, solutions: spec.solutions, due: spec.due, title: spec.title };
}
