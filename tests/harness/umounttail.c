// The latency distribution of umount2(MNT_DETACH) of a bind mount, from C (no runtime of ours in the timing):
// what the kernel's own tail is, beside the harness's. Root; runs in its own mount namespace.
// gcc -O2 -o umounttail tests/harness/umounttail.c && ./umounttail 5000
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(const double*)a,y=*(const double*)b;return x<y?-1:x>y;}
int main(int argc,char**argv){
  int n=argc>1?atoi(argv[1]):5000; if(n<100){fprintf(stderr,"usage: umounttail N (N >= 100)\n");return 2;}
  double*us=malloc(sizeof(double)*n);
  if(unshare(CLONE_NEWNS)){perror("unshare");return 1;}
  if(mount(NULL,"/",NULL,MS_REC|MS_PRIVATE,NULL)){perror("private");return 1;}
  mkdir("/tmp/umounttail-src",0755); mkdir("/tmp/umounttail-dst",0755);
  for(int i=0;i<n;i++){
    if(mount("/tmp/umounttail-src","/tmp/umounttail-dst",NULL,MS_BIND,NULL)){perror("bind");return 1;}
    double t=now(); if(umount2("/tmp/umounttail-dst",MNT_DETACH)){perror("umount2");return 1;} us[i]=now()-t;}
  qsort(us,n,sizeof(double),cmp);
  printf("umount2(MNT_DETACH) of a bind mount, %d calls, us: p50 %.1f p90 %.1f p99 %.1f p99.9 %.1f max %.1f\n",
    n,us[n/2],us[n*9/10],us[n*99/100],us[n*999/1000],us[n-1]);
  rmdir("/tmp/umounttail-src"); rmdir("/tmp/umounttail-dst");
  return 0;}
