-- AlterTable
ALTER TABLE "IdentificationRun" ADD COLUMN     "look" BOOLEAN NOT NULL DEFAULT false;
