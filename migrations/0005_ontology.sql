CREATE TABLE "hpo_alt_ids" (
	"alt_id" text PRIMARY KEY NOT NULL,
	"term_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hpo_search_keys" (
	"term_id" text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "hpo_search_keys_term_id_key_pk" PRIMARY KEY("term_id","key")
);
--> statement-breakpoint
CREATE TABLE "hpo_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hpo_term_parents" (
	"term_id" text NOT NULL,
	"parent_id" text NOT NULL,
	CONSTRAINT "hpo_term_parents_term_id_parent_id_pk" PRIMARY KEY("term_id","parent_id")
);
--> statement-breakpoint
CREATE TABLE "hpo_terms" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"definition" text,
	"comment" text,
	"synonyms" jsonb NOT NULL,
	"obsolete" boolean DEFAULT false NOT NULL,
	"replaced_by" text,
	"release" text NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "hpo_terms_id" CHECK ("hpo_terms"."id" ~ '^HP:[0-9]{7}$')
);
--> statement-breakpoint
CREATE TABLE "ontology_releases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ontology_releases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ontology" text NOT NULL,
	"version" text NOT NULL,
	"release_date" date,
	"detail" text,
	"source" text NOT NULL,
	"counts" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orphanet_disorder_parents" (
	"code" integer NOT NULL,
	"parent_code" integer NOT NULL,
	"parent_label" text NOT NULL,
	CONSTRAINT "orphanet_disorder_parents_code_parent_code_pk" PRIMARY KEY("code","parent_code")
);
--> statement-breakpoint
CREATE TABLE "orphanet_disorders" (
	"code" integer PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"disorder_type" text NOT NULL,
	"definition" text,
	"synonyms" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"release" text NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orphanet_omim_xrefs" (
	"code" integer NOT NULL,
	"omim" text NOT NULL,
	"relation" text NOT NULL,
	CONSTRAINT "orphanet_omim_xrefs_code_omim_pk" PRIMARY KEY("code","omim")
);
--> statement-breakpoint
CREATE TABLE "orphanet_search_keys" (
	"code" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	CONSTRAINT "orphanet_search_keys_code_key_pk" PRIMARY KEY("code","key")
);
--> statement-breakpoint
CREATE TABLE "orphanet_search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hpo_alt_ids" ADD CONSTRAINT "hpo_alt_ids_term_id_hpo_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."hpo_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hpo_search_keys" ADD CONSTRAINT "hpo_search_keys_term_id_hpo_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."hpo_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hpo_term_parents" ADD CONSTRAINT "hpo_term_parents_term_id_hpo_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."hpo_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hpo_term_parents" ADD CONSTRAINT "hpo_term_parents_parent_id_hpo_terms_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."hpo_terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orphanet_disorder_parents" ADD CONSTRAINT "orphanet_disorder_parents_code_orphanet_disorders_code_fk" FOREIGN KEY ("code") REFERENCES "public"."orphanet_disorders"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orphanet_omim_xrefs" ADD CONSTRAINT "orphanet_omim_xrefs_code_orphanet_disorders_code_fk" FOREIGN KEY ("code") REFERENCES "public"."orphanet_disorders"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orphanet_search_keys" ADD CONSTRAINT "orphanet_search_keys_code_orphanet_disorders_code_fk" FOREIGN KEY ("code") REFERENCES "public"."orphanet_disorders"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hpo_search_keys_prefix" ON "hpo_search_keys" USING btree ("key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hpo_search_words_trgm" ON "hpo_search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "hpo_search_words_prefix" ON "hpo_search_words" USING btree ("word" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "hpo_term_parents_parent" ON "hpo_term_parents" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "ontology_releases_ontology" ON "ontology_releases" USING btree ("ontology","id");--> statement-breakpoint
CREATE INDEX "orphanet_disorder_parents_parent" ON "orphanet_disorder_parents" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "orphanet_omim_xrefs_omim" ON "orphanet_omim_xrefs" USING btree ("omim");--> statement-breakpoint
CREATE INDEX "orphanet_search_keys_prefix" ON "orphanet_search_keys" USING btree ("key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orphanet_search_words_trgm" ON "orphanet_search_words" USING gin ("word" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "orphanet_search_words_prefix" ON "orphanet_search_words" USING btree ("word" text_pattern_ops);