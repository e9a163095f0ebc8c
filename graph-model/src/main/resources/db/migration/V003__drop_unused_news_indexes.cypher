// News items are found by dedupe key, id, publication time and full text, never by guid or link
// alone; these two indexes only cost time on every stored item.
DROP INDEX news_guid IF EXISTS;
DROP INDEX news_link IF EXISTS;
