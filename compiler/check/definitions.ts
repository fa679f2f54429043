// Static checks of chart definitions with ts-morph, before any definition runs:
// TypeScript's own type errors, and JavaScript truthiness applied to a symbolic value.
// A reference object is always truthy in JavaScript, so `if (v.x)`, `v.x ? a : b` and
// `v.x && y` silently take one branch for every values file: use when/ifElse/and/or.
import { Node, Project, SyntaxKind, ts, type Type } from "ts-morph";
import { relative } from "node:path";
import type { Diagnostic } from "../chart/compile.ts";

export interface CheckOptions {
  readonly tsConfigFilePath: string;
  /** Only files under these directories are checked for truthiness (the chart's definitions). */
  readonly definitionDirs: readonly string[];
}

function isSymbolic(type: Type): boolean {
  // Expr<T> carries a unique-symbol brand; TypeScript names such properties "__@<name>@<id>".
  const check = (t: Type): boolean => t.getProperties().some((property) => property.getName().startsWith("__@EXPR_IR@"));
  if (type.isUnion()) return type.getUnionTypes().some(check);
  return check(type);
}

export function checkDefinitions(options: CheckOptions): Diagnostic[] {
  const project = new Project({ tsConfigFilePath: options.tsConfigFilePath });
  const diagnostics: Diagnostic[] = [];
  const cwd = process.cwd();

  for (const diagnostic of project.getPreEmitDiagnostics()) {
    if (diagnostic.getCategory() !== ts.DiagnosticCategory.Error) continue;
    const file = diagnostic.getSourceFile();
    const message = ts.flattenDiagnosticMessageText(diagnostic.compilerObject.messageText, "\n");
    diagnostics.push({ file: file ? relative(cwd, file.getFilePath()) : "tsconfig.json", line: diagnostic.getLineNumber() ?? 0, message: `type error: ${message}` });
  }

  for (const sourceFile of project.getSourceFiles()) {
    const path = sourceFile.getFilePath();
    if (!options.definitionDirs.some((dir) => path.startsWith(dir))) continue;
    const report = (node: Node, construct: string): void => {
      diagnostics.push({
        file: relative(cwd, path),
        line: node.getStartLineNumber(),
        message: `\`${node.getText()}\` is a symbolic Helm value used as a JavaScript condition (${construct}); it is always truthy. Use when(...), ifElse(...), and(...), or(...) or not(...) instead`,
      });
    };
    sourceFile.forEachDescendant((node) => {
      if (Node.isIfStatement(node) || Node.isWhileStatement(node) || Node.isDoStatement(node)) {
        const condition = node.getExpression();
        if (isSymbolic(condition.getType())) report(condition, node.getKindName().replace("Statement", "").toLowerCase());
      } else if (Node.isConditionalExpression(node)) {
        const condition = node.getCondition();
        if (isSymbolic(condition.getType())) report(condition, "?:");
      } else if (Node.isBinaryExpression(node)) {
        const operator = node.getOperatorToken().getKind();
        if (operator === SyntaxKind.AmpersandAmpersandToken || operator === SyntaxKind.BarBarToken || operator === SyntaxKind.QuestionQuestionToken) {
          const left = node.getLeft();
          const text = node.getOperatorToken().getText();
          if (isSymbolic(left.getType())) report(left, text);
        }
      } else if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.ExclamationToken) {
        const operand = node.getOperand();
        if (isSymbolic(operand.getType())) report(operand, "!");
      }
    });
  }
  return diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
