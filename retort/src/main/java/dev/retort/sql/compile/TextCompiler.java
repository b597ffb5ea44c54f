package dev.retort.sql.compile;

import dev.retort.sql.TextClause;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles {@link TextClause} SQL: replaces each {@code :name} parameter with a {@code ?}
 * placeholder, skipping string literals, quoted identifiers, comments and {@code ::} casts.
 */
public final class TextCompiler {
  private final TextSyntax syntax;

  /** Creates a compiler for a dialect's lexical rules. */
  public TextCompiler(TextSyntax syntax) {
    this.syntax = syntax;
  }

  /** Compiles the clause; the result is safe to cache and share. */
  public Compiled compile(TextClause clause) {
    String text = clause.text();
    StringBuilder sql = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || (c == '`' && syntax.backtickIdentifiers())) {
        int end = skipQuoted(text, i, c, c != '`' && syntax.backslashEscapes());
        sql.append(text, i, end);
        i = end;
      } else if ((c == 'E' || c == 'e')
          && syntax.escapeStrings()
          && i + 1 < n
          && text.charAt(i + 1) == '\''
          && (i == 0 || !isNamePart(text.charAt(i - 1)))) {
        // PostgreSQL E'...': backslash escapes even though plain strings have none.
        int end = skipQuoted(text, i + 1, '\'', true);
        sql.append(text, i, end);
        i = end;
      } else if ((c == '-' && i + 1 < n && text.charAt(i + 1) == '-')
          || (c == '#' && syntax.hashComments())) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        sql.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = skipBlockComment(text, i);
        sql.append(text, i, end);
        i = end;
      } else if (c == '$' && syntax.dollarQuoting() && dollarTagEnd(text, i) > 0) {
        int tagEnd = dollarTagEnd(text, i);
        String tag = text.substring(i, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        int end = close < 0 ? n : close + tag.length();
        sql.append(text, i, end);
        i = end;
      } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == ':') {
        sql.append(':');
        i += 2;
      } else if (c == ':' && i + 1 < n && text.charAt(i + 1) == ':') {
        sql.append("::");
        i += 2;
      } else if (c == ':'
          && i + 1 < n
          && isNameStart(text.charAt(i + 1))
          && (i == 0 || !isNamePart(text.charAt(i - 1)))) {
        int end = i + 1;
        while (end < n && isNamePart(text.charAt(end))) {
          end++;
        }
        names.add(text.substring(i + 1, end));
        sql.append('?');
        i = end;
      } else {
        sql.append(c);
        i++;
      }
    }
    return new Compiled(sql.toString(), names, clause.generatedKeyColumns());
  }

  /**
   * Returns the index after the literal or quoted identifier opening at {@code start}, or the end
   * of the text when it is not closed. A doubled quote stands for itself; with {@code backslashes}
   * a backslash escapes the next character too (MySQL's '...' and "...", PostgreSQL's E'...').
   */
  private static int skipQuoted(String text, int start, char quote, boolean backslashes) {
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && backslashes) {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return text.length();
  }

  /**
   * Returns the index after the block comment opening at {@code start}, or the end of the text when
   * it is not closed. Where comments nest, each inner opening needs its own close.
   */
  private int skipBlockComment(String text, int start) {
    int depth = 1;
    int i = start + 2;
    while (i < text.length() - 1) {
      if (text.charAt(i) == '*' && text.charAt(i + 1) == '/') {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else if (syntax.nestedBlockComments()
          && text.charAt(i) == '/'
          && text.charAt(i + 1) == '*') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return text.length();
  }

  /** Returns the index after a {@code $tag$} opening at {@code start}, or -1 when there is none. */
  private static int dollarTagEnd(String text, int start) {
    int i = start + 1;
    while (i < text.length() && isNamePart(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '$') {
      // "$1" is a positional parameter, not a tag.
      return (i > start + 1 && Character.isDigit(text.charAt(start + 1))) ? -1 : i + 1;
    }
    return -1;
  }

  private static boolean isNameStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isNamePart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
