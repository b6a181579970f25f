<?xml version="1.0" encoding="utf-8"?>
<!-- Shows an Atom feed opened in a browser as a readable page: what a feed is, how to
     follow it, and its entries. Feed readers ignore this stylesheet and read the feed. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
<xsl:output method="html" encoding="utf-8" indent="yes"
    doctype-system="about:legacy-compat"/>

<xsl:template match="/atom:feed">
<html lang="en-GB">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="atom:title"/> (feed)</title>
<style>
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  font-size: 1.0625rem; line-height: 1.6; color: #1b1b1b; background: #fff; }
header { background: #23395b; color: #fff; padding: 1rem; }
header p { margin: 0; font-weight: 700; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; }
h2 { font-size: 1.2rem; margin: 0 0 0.25rem; }
a { color: #1d4f91; }
a:focus-visible { outline: 3px solid #1b1b1b; outline-offset: 2px; background: #ffdd00; color: #1b1b1b; }
.about { background: #e5eef9; color: #15325c; border-left: 5px solid #15325c; padding: 0.75rem 1rem; }
.about p { margin: 0.5rem 0; }
code { background: #f3f2f1; padding: 0.05em 0.25em; overflow-wrap: anywhere; }
ol { list-style: none; padding: 0; }
li { padding: 0.75rem 0; border-bottom: 1px solid #b1b4b6; }
.meta { color: #4a4a4a; margin: 0 0 0.25rem; }
li p { margin: 0; }
</style>
</head>
<body>
<header><p><xsl:value-of select="atom:author/atom:name"/></p></header>
<main>
<h1><xsl:value-of select="atom:title"/></h1>
<div class="about">
<p><strong>This is a feed.</strong> A feed reader can follow it for you and show you anything new, so you do not have to come back to check. To follow it, copy this page's address into your feed reader:
<code><xsl:value-of select="atom:link[@rel='self']/@href"/></code></p>
<p>
<xsl:if test="atom:link[@rel='related']">
<a href="{atom:link[@rel='related']/@href}">How to subscribe, including by email</a>
<xsl:text> · </xsl:text>
</xsl:if>
<a href="{atom:link[@rel='alternate']/@href}">Open the page on the site</a>
</p>
</div>
<p class="count"><xsl:value-of select="count(atom:entry)"/>
<xsl:choose><xsl:when test="count(atom:entry) = 1"> entry</xsl:when><xsl:otherwise> entries</xsl:otherwise></xsl:choose>, newest first.</p>
<ol>
<xsl:for-each select="atom:entry">
<li>
<h2><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h2>
<p class="meta">Updated <xsl:call-template name="day"><xsl:with-param name="stamp" select="atom:updated"/></xsl:call-template></p>
<p><xsl:value-of select="atom:summary"/></p>
</li>
</xsl:for-each>
</ol>
</main>
</body>
</html>
</xsl:template>

<!-- 2026-11-28T00:00:00+00:00 as 28 November 2026 -->
<xsl:template name="day">
<xsl:param name="stamp"/>
<xsl:variable name="month" select="number(substring($stamp, 6, 2))"/>
<xsl:value-of select="number(substring($stamp, 9, 2))"/>
<xsl:text> </xsl:text>
<xsl:choose>
<xsl:when test="$month = 1">January</xsl:when>
<xsl:when test="$month = 2">February</xsl:when>
<xsl:when test="$month = 3">March</xsl:when>
<xsl:when test="$month = 4">April</xsl:when>
<xsl:when test="$month = 5">May</xsl:when>
<xsl:when test="$month = 6">June</xsl:when>
<xsl:when test="$month = 7">July</xsl:when>
<xsl:when test="$month = 8">August</xsl:when>
<xsl:when test="$month = 9">September</xsl:when>
<xsl:when test="$month = 10">October</xsl:when>
<xsl:when test="$month = 11">November</xsl:when>
<xsl:otherwise>December</xsl:otherwise>
</xsl:choose>
<xsl:text> </xsl:text>
<xsl:value-of select="substring($stamp, 1, 4)"/>
</xsl:template>
</xsl:stylesheet>
