/**
 * The parts of Observable Plot the widgets use. Importing names (not the whole
 * namespace) lets the bundler drop the marks and transforms no figure needs;
 * the island loads this module on the reader's first change.
 */
export {
  plot,
  areaY,
  barX,
  barY,
  cell,
  dot,
  line,
  lineY,
  link,
  ruleX,
  ruleY,
  text,
  tip,
  rectY,
  rectX,
  stackY,
  stackX,
  arrow,
  frame,
  axisX,
  axisY,
  axisFy,
  gridY,
  tickX,
  tickY,
} from "@observablehq/plot";
