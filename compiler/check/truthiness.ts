// JavaScript truthiness applied to a symbolic value: a reference object is always truthy,
// so `if (v.x)`, `v.x ? a : b` and `v.x && y` silently take one branch for every values
// file. Found by type (the Expr brand), so a reference behind any name is caught.
import ts from "typescript";
import type { Diagnostic } from "../ir/index.ts";

function isSymbolic(checker: ts.TypeChecker, node: ts.Node): boolean {
  const type = checker.getTypeAtLocation(node);
  // Expr<T> carries a unique-symbol brand; TypeScript names such properties "__@<name>@<id>".
  const branded = (t: ts.Type): boolean => t.getProperties().some((property) => property.getName().startsWith("__@EXPR_IR@"));
  return type.isUnion() ? type.types.some(branded) : branded(type);
}

/** The conditions in one file that test a symbolic value, each at its line. */
export function truthinessDiagnostics(sourceFile: ts.SourceFile, checker: ts.TypeChecker, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const check = (condition: ts.Node, construct: string): void => {
    if (!isSymbolic(checker, condition)) return;
    diagnostics.push({
      file,
      line: sourceFile.getLineAndCharacterOfPosition(condition.getStart(sourceFile)).line + 1,
      message: `\`${condition.getText(sourceFile)}\` is a symbolic Helm value used as a JavaScript condition (${construct}); it is always truthy. Use when(...), ifElse(...), and(...), or(...) or not(...) instead`,
    });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIfStatement(node)) check(node.expression, "if");
    else if (ts.isWhileStatement(node)) check(node.expression, "while");
    else if (ts.isDoStatement(node)) check(node.expression, "do");
    else if (ts.isConditionalExpression(node)) check(node.condition, "?:");
    else if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken || operator === ts.SyntaxKind.QuestionQuestionToken) {
        check(node.left, node.operatorToken.getText(sourceFile));
      }
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) check(node.operand, "!");
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return diagnostics;
}
