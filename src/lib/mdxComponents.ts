/** The components chapter MDX may use without importing them. */
import Term from "../../components/book/Term.astro";
import Cite from "../../components/book/Cite.astro";
import Figure from "../../components/book/Figure.astro";
import Callout from "../../components/book/Callout.astro";
import Widget from "../../components/widgets/_kit/Widget.astro";
import CodeCell from "../../components/cells/CodeCell.astro";

export const mdxComponents = { Term, Cite, Figure, Callout, Widget, CodeCell };
